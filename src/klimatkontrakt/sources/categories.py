"""What a person reads for each purchase and activity category code.

The codes are defined by the shipped factor and rule tables (data/factors_default.csv,
data/rules_default.csv) and by the activity data format (sources/activity.py). Files keep the
codes; pages, reports and downloads show these labels in the interface language. A category a
municipality adds itself has no label here and is shown as the municipality wrote it.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from klimatkontrakt.sources.rules import EXCLUDE

CATEGORY_LABELS: dict[str, Promise] = {
    EXCLUDE: _("Excluded (not a purchase)"),
    # Spend categories of the shipped factor set
    "food": _("Food"),
    "food_meat": _("Meat"),
    "dairy_products": _("Dairy products"),
    "food_bakery": _("Bread and bakery"),
    "construction_buildings": _("Construction of buildings"),
    "construction_civil": _("Civil engineering works"),
    "building_maintenance": _("Building maintenance"),
    "installation_services": _("Installation services"),
    "electrical_installation": _("Electrical installation"),
    "vehicles": _("Vehicles"),
    "vehicle_leasing": _("Vehicle leasing"),
    "vehicle_repair": _("Vehicle repair"),
    "fuel": _("Fuel"),
    "heating_purchases": _("Heating (purchased)"),
    "electricity_purchases": _("Electricity (purchased)"),
    "water_sewage": _("Water and sewage"),
    "it_equipment": _("IT equipment"),
    "it_services": _("IT services"),
    "telecom": _("Telecommunications"),
    "furniture": _("Furniture"),
    "office_supplies": _("Office supplies"),
    "printing": _("Printing"),
    "books_media": _("Books and media"),
    "cleaning_chemicals": _("Cleaning products and chemicals"),
    "medical_supplies": _("Medical supplies"),
    "sports_equipment": _("Sports equipment"),
    "machinery": _("Machinery"),
    "electrical_materials": _("Electrical materials"),
    "gravel_sand": _("Gravel and sand"),
    "asphalt": _("Asphalt"),
    "concrete": _("Concrete"),
    "timber": _("Timber"),
    "consultancy": _("Consultancy"),
    "engineering_services": _("Engineering services"),
    "legal_services": _("Legal services"),
    "advertising": _("Advertising"),
    "training_conferences": _("Training and conferences"),
    "cleaning_services": _("Cleaning services"),
    "security_services": _("Security services"),
    "waste_collection": _("Waste collection"),
    "waste_treatment": _("Waste treatment"),
    "freight_transport": _("Freight transport"),
    "passenger_transport": _("Passenger transport"),
    "taxi": _("Taxi"),
    "travel_air_spend": _("Air travel (spend)"),
    "hotels": _("Hotels"),
    "insurance": _("Insurance"),
    "postage": _("Postage"),
    "rent_premises": _("Rent of premises"),
    "care_services": _("Care services"),
    "social_services": _("Social services"),
    "education_services": _("Education services"),
    # Activity categories (measured quantities)
    "diesel": _("Diesel"),
    "petrol": _("Petrol"),
    "natural_gas": _("Natural gas"),
    "heating_oil": _("Heating oil"),
    "e85": _("E85"),
    "hvo": _("HVO"),
    "biogas": _("Biogas"),
    "electricity": _("Electricity"),
    "electricity_residual_mix": _("Electricity (residual mix)"),
    "district_heating": _("District heating"),
    "food_beef": _("Beef"),
    "food_pork": _("Pork"),
    "food_poultry": _("Poultry"),
    "food_dairy": _("Dairy (by weight)"),
    "food_vegetables": _("Vegetables"),
    "travel_car_petrol": _("Car travel (petrol)"),
    "travel_air": _("Air travel"),
    "travel_air_domestic": _("Air travel, domestic"),
    "travel_air_long_haul": _("Air travel, long haul"),
}


def category_label(code: str | None) -> str:
    """The category's name in the active language; a municipality's own category as written."""
    if not code:
        return ""
    label = CATEGORY_LABELS.get(code)
    return str(label) if label is not None else code
