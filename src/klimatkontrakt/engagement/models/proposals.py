"""Proposals from pupils and citizens (elevborgarråd, medborgarförslag), tracked to an answer."""

__all__: list[str] = []
