from django.http import HttpRequest
from ninja import Router, Schema

from klimatkontrakt.organisations import selectors

router = Router(tags=["organisations"])


class CountyOut(Schema):
    code: str
    name: str


class MunicipalityOut(Schema):
    code: str
    name: str
    county_code: str
    in_climate_contract: bool


class DepartmentOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str


@router.get("/counties", response=list[CountyOut])
def list_counties(request: HttpRequest) -> list[CountyOut]:
    return [CountyOut(code=c.code, name=c.name) for c in selectors.counties()]


@router.get("/municipalities", response=list[MunicipalityOut])
def list_municipalities(request: HttpRequest, contract_only: bool = False) -> list[MunicipalityOut]:
    qs = selectors.contract_municipalities() if contract_only else selectors.municipalities()
    return [
        MunicipalityOut(
            code=m.code,
            name=m.name,
            county_code=m.county.code,
            in_climate_contract=m.in_climate_contract,
        )
        for m in qs
    ]


@router.get("/municipalities/{code}/departments", response=list[DepartmentOut])
def list_departments(request: HttpRequest, code: str) -> list[DepartmentOut]:
    muni = selectors.municipality_by_code(code)
    return [
        DepartmentOut(id=d.pk, name=d.name, short_name=d.short_name, kind=d.kind)
        for d in muni.departments.all()
    ]
