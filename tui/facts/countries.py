"""Which place names are countries, so that "the country" and "the nation" find one.

spaCy calls a city and a country alike GPE, so "Łódź … Warsaw … the best museums in the
country" had only the nearest GPE to go by. These are the names English news uses for the
world's states, and a few it calls countries (England, Taiwan, the Soviet Union), as
written, without "the". Not Georgia: more often the American state.
"""

from __future__ import annotations

COUNTRY_NAMES = frozenset(
    name.strip()
    for name in """
    afghanistan, albania, algeria, andorra, angola, antigua and barbuda, argentina, armenia, australia,
    austria, azerbaijan, bahamas, bahrain, bangladesh, barbados, belarus, belgium, belize, benin, bhutan,
    bolivia, bosnia and herzegovina, bosnia, botswana, brazil, brunei, bulgaria, burkina faso, burundi,
    cambodia, cameroon, canada, cape verde, cabo verde, central african republic, chad, chile, china,
    colombia, comoros, congo, democratic republic of the congo, dr congo, czech republic, czechia,
    costa rica, croatia, cuba, cyprus, denmark, djibouti, dominica, dominican republic, east timor,
    timor-leste, ecuador, egypt, el salvador, equatorial guinea, eritrea, estonia, eswatini, swaziland,
    ethiopia, fiji, finland, france, gabon, gambia, germany, ghana, greece, grenada, guatemala,
    guinea, guinea-bissau, guyana, haiti, honduras, hungary, iceland, india, indonesia, iran, iraq,
    ireland, israel, italy, ivory coast, côte d'ivoire, jamaica, japan, jordan, kazakhstan, kenya,
    kiribati, kuwait, kyrgyzstan, laos, latvia, lebanon, lesotho, liberia, libya, liechtenstein,
    lithuania, luxembourg, madagascar, malawi, malaysia, maldives, mali, malta, marshall islands,
    mauritania, mauritius, mexico, micronesia, moldova, monaco, mongolia, montenegro, morocco, mozambique,
    myanmar, burma, namibia, nauru, nepal, netherlands, holland, new zealand, nicaragua, niger, nigeria,
    north korea, north macedonia, macedonia, norway, oman, pakistan, palau, palestine, panama,
    papua new guinea, paraguay, peru, philippines, poland, portugal, qatar, romania, russia,
    russian federation, rwanda, saint kitts and nevis, saint lucia, saint vincent and the grenadines,
    samoa, san marino, são tomé and príncipe, sao tome and principe, saudi arabia, senegal, serbia,
    seychelles, sierra leone, singapore, slovakia, slovenia, solomon islands, somalia, south africa,
    south korea, korea, south sudan, spain, sri lanka, sudan, suriname, sweden, switzerland, syria, taiwan,
    tajikistan, tanzania, thailand, togo, tonga, trinidad and tobago, tunisia, turkey, türkiye,
    turkmenistan, tuvalu, uganda, ukraine, united arab emirates, uae, united kingdom, uk, u.k., britain,
    great britain, england, scotland, wales, northern ireland, united states, united states of america,
    us, u.s., u.s, usa, u.s.a., america, uruguay, uzbekistan, vanuatu, vatican city, venezuela, vietnam,
    viet nam, yemen, zambia, zimbabwe, kosovo, soviet union, ussr, yugoslavia, czechoslovakia,
    east germany, west germany
    """.split(",")
)


#: Countries that are also a city: "the city" may be them.
CITY_STATES = frozenset({"singapore", "monaco", "vatican city", "san marino", "luxembourg"})


def _key(name: str) -> str:
    low = name.lower().strip()
    for suffix in ("'s", "’s"):
        low = low.removesuffix(suffix)
    return low.removeprefix("the ").strip()


def is_country(name: str) -> bool:
    """"the United States", "U.S.", "Poland's" are; "Warsaw" and "Texas" are not."""
    return _key(name) in COUNTRY_NAMES


def is_city_state(name: str) -> bool:
    return _key(name) in CITY_STATES
