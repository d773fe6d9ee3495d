from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "klimatkontrakt.contracts"
    verbose_name = _("Climate contracts")

    def ready(self) -> None:
        from klimatkontrakt.contracts.models import ContractVersion
        from klimatkontrakt.organisations import sharing

        sharing.register(
            sharing.Kind(
                "contract_version",
                _("Contract version"),
                ContractVersion,
                "contract__municipality",
                prepare=_prepare_visibility,
            )
        )
        from klimatkontrakt.contracts import personal_data
        from klimatkontrakt.organisations.personal_data import Source
        from klimatkontrakt.organisations.personal_data import register as register_source
        from klimatkontrakt.web.modules import Module, register, register_link

        register_source(Source("changes", personal_data.export, personal_data.erase))
        register(Module("contract", _("Climate contract"), "contracts:latest", 10))
        register_link("commitment", "contracts:commitment")
        register_link("contract_version", "contracts:version")
        register_link("contract_diff", "contracts:diff")


def _prepare_visibility(item: Any, visibility: str) -> list[str]:
    """The app's rule for a visibility change, its services loaded only when it is used."""
    from klimatkontrakt.contracts.services import prepare_visibility

    return prepare_visibility(item, visibility)
