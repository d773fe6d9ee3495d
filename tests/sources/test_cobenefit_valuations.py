import pytest

from klimatkontrakt.sources.cobenefits import default_valuations, parse_valuations


def test_shipped_valuations_name_source_version_and_price_year():
    valuations = default_valuations()
    assert valuations["co2e_societal_value"].value_sek == 7000  # ASEK 7.0: 7 SEK per kg
    for v in valuations.values():
        assert v.source and v.version and v.price_year > 2000
        assert v.status in ("sourced", "indicative")


def test_bad_row_names_file_row_and_column():
    header = "key;label_sv;label_en;unit;value_sek;price_year;status;source;version;url;note\n"
    with pytest.raises(ValueError, match=r"x\.csv row 2, column status"):
        parse_valuations(header + "k;a;b;c;1;2017;guess;s;v;;\n", "x.csv")
    with pytest.raises(ValueError, match=r"x\.csv row 2: value_sek"):
        parse_valuations(header + "k;a;b;c;many;2017;sourced;s;v;;\n", "x.csv")
