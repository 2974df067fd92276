#!/usr/bin/env python3
"""Copies the curated pictograms out of the Health Icons npm package and
writes the table the program reads (src/icons/set.rs).

    npm pack healthicons && tar xzf healthicons-*.tgz
    python3 data/icons/curate.py package

Each entry: our name, the category it is listed under, and the icon's
path in the package (public/icons/svg/outline/PATH.svg). Coordinates are rounded
to a hundredth (see `shorter`). The outline style is used: lines print lighter than solid shapes beside body text."""

import json, os, re, sys

ICONS = {
    "body": [
        ("arm", "body/arm"), ("back", "body/spine"), ("body", "body/body"),
        ("ear", "body/ear"), ("eye", "body/eye"), ("foot", "body/foot"),
        ("head", "body/head"), ("heart", "body/heart_organ"), ("joints", "body/joints"),
        ("kidneys", "body/kidneys"), ("leg", "body/leg"), ("lungs", "body/lungs"),
        ("mouth", "body/mouth"), ("nose", "body/nose"), ("skeleton", "body/skeleton"),
        ("stomach", "body/stomach"), ("tooth", "body/tooth"), ("bladder", "body/bladder"),
        ("blood-drop", "body/blood_drop"), ("nerve", "body/nerve"),
    ],
    "symptoms": [
        ("pain", "conditions/pain"), ("back-pain", "conditions/back_pain"),
        ("headache", "conditions/headache"), ("nausea", "conditions/nausea"),
        ("vomiting", "conditions/vomiting"), ("coughing", "conditions/coughing_alt"),
        ("allergies", "conditions/allergies"), ("burn", "conditions/burn"),
        ("dizzy", "emotions/dizzy"), ("diarrhea", "conditions/diarrhea"),
        ("sweating", "conditions/sweating"),
    ],
    "feelings": [
        ("calm", "emotions/calm"), ("happy", "emotions/happy"), ("sad", "emotions/sad"),
        ("nervous", "emotions/nervous"), ("confused", "emotions/confused"),
        ("crying", "emotions/crying"),
    ],
    "exercise": [
        ("exercise", "exercise/exercise"), ("cycling", "exercise/exercise_bicycle"),
        ("running", "exercise/running"), ("swimming", "exercise/swim"),
        ("walking", "exercise/walking"), ("weights", "exercise/weights"),
        ("yoga", "people/exercise_yoga"), ("physical-therapy", "specialties/physical_therapy"),
        ("gym", "specialties/gym"), ("desk", "objects/desktop_app"), ("laptop", "objects/laptop"),
    ],
    "medicines": [
        ("medicines", "medications/medicines"), ("pill", "medications/pill_1"),
        ("pills", "medications/pills_2"), ("blister-pack", "medications/blister_pills_round_x4"),
        ("medicine-bottle", "devices/medicine_bottle"), ("syringe", "devices/syringe"),
        ("vaccine", "devices/syringe-vaccine"), ("inhaler", "devices/asthma_inhaler"),
        ("prescription", "objects/prescription_document"), ("pharmacy", "specialties/pharmacy"),
        ("rx", "symbols/rx"), ("bandage", "objects/bandage_adhesive"),
        ("iv-bag", "devices/intravenous_bag"),
    ],
    "food-and-drink": [
        ("fruits", "nutrition/fruits"), ("hot-meal", "nutrition/hot_meal"),
        ("dairy", "nutrition/dairy"), ("alcohol", "nutrition/alcohol"),
        ("no-alcohol", "nutrition/alcohol_cessation"), ("sugar", "nutrition/sugar"),
        ("low-salt", "nutrition/sodium_free"), ("unhealthy-food", "nutrition/unhealthy_food"),
        ("grains", "nutrition/carbohydrates"), ("nutrition", "nutrition/nutrition"),
        ("water", "devices/treated_water"), ("tap-water", "objects/running_water"),
        ("utensils", "objects/i_utensils"),
    ],
    "sleep": [
        ("bed", "devices/hospitalized"), ("sleep", "emotions/sleepy"),
    ],
    "heat-and-cold": [
        ("fever", "devices/fever"), ("chills", "conditions/chills"),
        ("thermometer", "devices/thermometer"), ("thermometer-digital", "devices/thermometer_digital"),
        ("cold", "devices/cold_chain"),
    ],
    "walking-aids": [
        ("cane", "devices/cane"), ("crutches", "devices/crutches"),
        ("wheelchair", "devices/wheelchair"), ("walker", "exercise/walk_supported"),
        ("sling", "devices/sling"), ("cast", "devices/cast"), ("orthotics", "devices/orthotics"),
        ("elderly", "people/elderly"),
    ],
    "contact": [
        ("phone", "objects/phone"), ("mobile", "devices/mobile"),
        ("call-centre", "people/call_centre"), ("calendar", "objects/calendar"),
        ("telemedicine", "symbols/telemedicine"), ("hotline", "symbols/medical_advice"),
        ("chat", "symbols/communication"), ("home", "places/home"),
    ],
    "clinic": [
        ("doctor", "people/doctor"), ("doctor-female", "people/doctor_female"),
        ("nurse", "people/nurse"), ("health-worker", "people/health_worker"),
        ("hospital", "places/hospital"), ("clinic", "places/ambulatory_clinic"),
        ("stethoscope", "devices/stethoscope"), ("blood-pressure", "devices/blood_pressure_monitor"),
        ("scale", "devices/weight"), ("x-ray", "devices/xray"), ("outpatient", "people/outpatient"),
        ("insurance-card", "objects/insurance_card"), ("pulse-oximeter", "devices/pulse_oximeter"),
    ],
    "emergency": [
        ("ambulance", "vehicles/ambulance"), ("emergency", "specialties/accident_and_emergency"),
        ("cpr", "people/cpr"), ("defibrillator", "devices/defibrillator"),
        ("emergency-post", "places/emergency_post"),
    ],
    "warning": [
        ("warning", "symbols/alert_triangle"), ("alert", "symbols/alert_circle"),
        ("stop", "symbols/stop"), ("no", "symbols/no"), ("yes", "symbols/yes"),
        ("info", "symbols/info"), ("question", "symbols/question_circle"),
        ("smoking", "symbols/smoking"), ("no-smoking", "symbols/smoking_cessation"),
        ("poison", "symbols/poison"),
    ],
    "people": [
        ("person", "people/person"), ("man", "people/man"), ("woman", "people/woman"),
        ("pregnant", "people/pregnant"), ("child", "people/boy_0105y"),
        ("baby", "people/baby_0203m"), ("wash-hands", "people/wash_hands"),
        ("family", "people/people"),
    ],
}


def shorter(svg):
    """Coordinates to a hundredth of the 48-unit box (0.004 pt at the size
    printed): the files shrink by about a third and look the same."""
    def rounded(m):
        text = f"{float(m.group(0)):.2f}".rstrip("0").rstrip(".")
        return "0" if text == "-0" else text
    return re.sub(r"-?\d+\.\d{3,}", rounded, svg)


def main(package):
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    meta = json.load(open(os.path.join(package, "public/icons/meta-data.json")))
    titles = {m["path"]: m["title"] for m in meta}
    rows, seen = [], set()
    for category, icons in ICONS.items():
        os.makedirs(os.path.join(here, category), exist_ok=True)
        for name, path in icons:
            assert name not in seen, name
            seen.add(name)
            src = os.path.join(package, "public/icons/svg/outline", path + ".svg")
            with open(src) as f, open(os.path.join(here, category, name + ".svg"), "w") as out:
                out.write(shorter(f.read()))
            rows.append((name, category, titles[path], path))
    rows.sort()
    with open(os.path.join(root, "src/icons/set.rs"), "w") as out:
        out.write("// Written by data/icons/curate.py: the bundled pictograms, by name.\n")
        out.write(f"use super::Icon;\n\npub static ICONS: [Icon; {len(rows)}] = [\n")
        for name, category, title, _ in rows:
            out.write(f'    icon!("{name}", "{category}", "{title}"),\n')
        out.write("];\n")
    with open(os.path.join(here, "SOURCES.tsv"), "w") as out:
        out.write("name\tcategory\thealth icons path (svg/outline)\n")
        for name, category, _, path in rows:
            out.write(f"{name}\t{category}\t{path}\n")
    print(len(rows), "icons")


if __name__ == "__main__":
    main(sys.argv[1])
