"""The phrase parser on a table of referring expressions, remote-sensing style included."""
import pytest

from rrsis_qgis.engine.phrase import parse

# phrase → expected fields (only the fields given are checked)
CASES = [
    ("the white storage tank left of the road", dict(target="storage tank", attributes=["white"], relation="left_of", landmark="road")),
    ("The white storage tank to the left of the road.", dict(target="storage tank", relation="left_of", landmark="road")),
    ("storage tank on the right of the building", dict(target="storage tank", relation="right_of", landmark="building")),
    ("the car right of the red house", dict(target="car", relation="right_of", landmark="red house")),
    ("a ship north of the bridge", dict(target="ship", relation="north_of", landmark="bridge")),
    ("the building south of the parking lot", dict(target="building", relation="south_of", landmark="parking lot")),
    ("the pond east of the farm", dict(target="pond", relation="east_of", landmark="farm")),
    ("the field to the west of the river", dict(target="field", relation="west_of", landmark="river")),
    ("the small plane above the runway", dict(target="plane", attributes=["small"], relation="above", landmark="runway")),
    ("the tank below the top-right tank", dict(target="tank", relation="below", landmark="tank",
                                               landmark_superlative="top-right")),
    ("the vehicle under the bridge", dict(target="vehicle", relation="below", landmark="bridge")),
    ("the house next to the swimming pool", dict(target="house", relation="next_to", landmark="swimming pool")),
    ("a tree beside the road", dict(target="tree", relation="next_to", landmark="road")),
    ("the parking lot adjacent to the stadium", dict(target="parking lot", relation="next_to", landmark="stadium")),
    ("the boat near the harbor", dict(target="boat", relation="near", landmark="harbor")),
    ("the hut close to the lake", dict(target="hut", relation="near", landmark="lake")),
    ("the car between the two buildings", dict(target="car", relation="between", landmark=["buildings", "buildings"])),
    ("the road between the river and the forest", dict(target="road", relation="between", landmark=["river", "forest"])),
    ("the pool inside the courtyard", dict(target="pool", relation="inside", landmark="courtyard")),
    ("the tennis court within the park", dict(target="tennis court", relation="inside", landmark="park")),
    ("the solar panel on the roof", dict(target="solar panel", relation="on", landmark="roof")),
    ("the shed far from the house", dict(target="shed", relation="far_from", landmark="house")),
    ("the barn away from the road", dict(target="barn", relation="far_from", landmark="road")),
    ("the baseball field in the top left corner", dict(target="baseball field", position="top-left")),
    ("the tank at the top-left", dict(target="tank", position="top-left")),
    ("the tank in the upper left", dict(target="tank", position="top-left")),
    ("the tank in the top  left of the image", dict(target="tank", position="top-left")),
    ("the ship in the upper right corner", dict(target="ship", position="top-right")),
    ("the roundabout in the bottom-left", dict(target="roundabout", position="bottom-left")),
    ("the bridge at the lower right of the image", dict(target="bridge", position="bottom-right")),
    ("The baseball field positioned at the bottom-left of the image, has a distinct dirt infield.",
     dict(target="baseball field", position="bottom-left", attributes=["dirt"], relation=None)),
    ("the airplane in the middle of the image", dict(target="airplane", position="center")),
    ("the fountain in the center", dict(target="fountain", position="center")),
    ("the windmill in the centre of the picture", dict(target="windmill", position="center")),
    # the middle of an edge is not the centre (RISBench phrasing)
    ("The tennis court positioned towards the middle-right section of the image.",
     dict(target="tennis court", position="middle-right")),
    ("The ship in the middle-left of the image.", dict(target="ship", position="middle-left")),
    ("The storage tank situated in the top-middle area of the image.",
     dict(target="storage tank", position="top-middle")),
    ("The vehicle located at the bottom-middle of the image.", dict(target="vehicle", position="bottom-middle")),
    ("the pool at the center left", dict(target="pool", position="middle-left")),
    ("the building on the left", dict(target="building", position="left", relation=None)),
    ("the vehicle on the right side of the image", dict(target="vehicle", position="right", relation=None)),
    ("the harbor at the top of the image", dict(target="harbor", position="top")),
    ("the ground track field at the bottom", dict(target="ground track field", position="bottom")),
    ("the dam in the northern part", dict(target="dam", position="top")),
    ("the chimney in the south", dict(target="chimney", position="bottom")),
    ("the largest building", dict(target="building", superlative="largest")),
    ("The vehicle furthest to the left.", dict(target="vehicle", superlative="leftmost")),
    ("The ship furthest to the right in the image.", dict(target="ship", superlative="rightmost")),
    ("the tank farthest to the top", dict(target="tank", superlative="topmost")),
    ("the pool furthest to the bottom of the image", dict(target="pool", superlative="bottommost")),
    ("the house farthest from the river", dict(target="house", superlative="farthest_from")),
    ("the biggest white tank", dict(target="tank", attributes=["white"], superlative="largest")),
    ("the smallest pond", dict(target="pond", superlative="smallest")),
    ("the leftmost storage tank", dict(target="storage tank", superlative="leftmost")),
    ("the left-most car", dict(target="car", superlative="leftmost")),
    ("the rightmost ship", dict(target="ship", superlative="rightmost")),
    ("the topmost airplane", dict(target="airplane", superlative="topmost")),
    ("the lowest vehicle", dict(target="vehicle", superlative="bottommost")),
    ("the ship closest to the top edge", dict(target="ship", superlative="closest_to", superlative_ref="top edge")),
    ("the tank nearest to the road", dict(target="tank", superlative="closest_to", superlative_ref="road")),
    ("the house farthest from the river", dict(target="house", superlative="farthest_from", superlative_ref="river")),
    ("the largest building in the bottom-left", dict(target="building", superlative="largest", position="bottom-left")),
    ("the second tank from the left", dict(target="tank", ordinal=2, ordinal_from="left")),
    ("the third car from the top", dict(target="car", ordinal=3, ordinal_from="top")),
    ("the 2nd building from the right", dict(target="building", ordinal=2, ordinal_from="right")),
    ("the first ship from the bottom", dict(target="ship", ordinal=1, ordinal_from="bottom")),
    ("THE RED ROOFED HOUSE", dict(target="roofed house", attributes=["red"])),
    ("a round grey oil tank", dict(target="oil tank", attributes=["round", "grey"])),
    ("the large rectangular concrete building", dict(target="building", attributes=["large", "rectangular", "concrete"])),
    ("gray car", dict(target="car", attributes=["grey"])),
    ("the vehicle, which is white", dict(target="vehicle", attributes=["white"])),
    ("the tank that has a blue roof", dict(target="tank", attributes=["blue"])),
    ("the tennis court with a green surface", dict(target="tennis court")),
    ("storage tank", dict(target="storage tank", attributes=[], relation=None, position=None, superlative=None)),
    ("the zyxwv qwerty", dict(target="zyxwv qwerty")),
    ("the white one", dict(target="white", attributes=["white"])),
    ("a bridge over the river", dict(target="bridge", relation="above", landmark="river")),
    ("the ship located near the dock in the top right", dict(target="ship", relation="near", landmark="dock", position="top-right")),
]


@pytest.mark.parametrize("phrase, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_parse(phrase, expected):
    query = parse(phrase)
    got = {k: getattr(query, k) for k in expected}
    assert got == expected


def test_table_covers_every_field_and_value_family():
    assert len(CASES) >= 60
    queries = [parse(p) for p, _ in CASES]
    relations = {q.relation for q in queries}
    assert relations >= {"left_of", "right_of", "above", "below", "north_of", "south_of", "east_of", "west_of",
                         "near", "next_to", "between", "inside", "on", "far_from"}
    positions = {q.position for q in queries}
    assert positions >= {"top-left", "top", "top-right", "left", "center", "right", "bottom-left", "bottom",
                         "bottom-right", "middle-left", "middle-right", "top-middle", "bottom-middle"}
    assert {q.superlative for q in queries} >= {"largest", "smallest", "leftmost", "rightmost", "topmost",
                                                "bottommost", "closest_to", "farthest_from"}


@pytest.mark.parametrize("junk", ["", "   ", "!!!", "12345", "ñandú árbol", "the the the", "left of", "between and"])
def test_unknown_or_odd_input_never_raises(junk):
    parse(junk)


# the phrasings issue 8 reports as lost (RRSIS-D / RISBench style)
ISSUE_CASES = [
    ("the ship in the centre-left of the image", dict(target="ship", position="middle-left")),
    ("the vehicle on the right side of the image", dict(target="vehicle", position="right", relation=None)),
    ("the tank in the left part of the image", dict(target="tank", position="left", relation=None)),
    ("the pool in the top-right section", dict(target="pool", position="top-right")),
    ("the pool in the top-right area", dict(target="pool", position="top-right")),
    ("the pool in the top right portion of the image", dict(target="pool", position="top-right")),
    ("the pool in the top-right region", dict(target="pool", position="top-right")),
    ("the car at the top-right edge", dict(target="car", position="top-right")),
    ("the car at the top right border of the image", dict(target="car", position="top-right")),
    ("the field in the top half of the image", dict(target="field", position="top")),
    ("the building on the right-hand side", dict(target="building", position="right")),
    ("the plane on the far right", dict(target="plane", position="right")),
    ("the plane at the extreme left", dict(target="plane", position="left")),
    ("the tennis court in a central position", dict(target="tennis court", position="center")),
    ("the ship at the bottom-left of the image, near the harbor",
     dict(target="ship", position="bottom-left", relation="near", landmark="harbor")),
    ("the vehicle located near the road", dict(target="vehicle", relation="near", landmark="road")),
    ("the ship towards the top of the image", dict(target="ship", position="top")),
    ("the car parked on the left", dict(target="car", position="left")),
    ("the ship visible in the middle-right of the image", dict(target="ship", position="middle-right")),
    ("the tennis court situated on the left side of the image", dict(target="tennis court", position="left")),
    ("the ship closest to the top edge of the image", dict(target="ship", superlative="closest_to",
                                                            superlative_ref="top edge of the image")),
    ("the tank at the top of the left side", dict(target="tank", position="top-left")),
    ("the highest plane", dict(target="plane", superlative="topmost")),
    ("the harbor structure positioned farthest to the right", dict(target="harbor", superlative="rightmost")),
    ("The plane with its wings extending towards the top right corner.", dict(target="plane", position=None)),
    ("The large ship, extending from the lower left to the upper right section of the image.",
     dict(target="ship", attributes=["large"], position=None)),
    ("In the bottom-right corner of the image lies a ship.", dict(target="ship", position="bottom-right")),
    ("The small vehicle parked on the right side of the upper building.",
     dict(target="vehicle", relation="right_of", landmark="building", landmark_superlative="topmost", position=None)),
    ("The vehicle on the brighter section of the road towards the top-right of the image.",
     dict(target="vehicle", relation="on", landmark="road", position="top-right")),
]


@pytest.mark.parametrize("phrase, expected", ISSUE_CASES, ids=[c[0][:40] for c in ISSUE_CASES])
def test_issue_phrasings(phrase, expected):
    query = parse(phrase)
    assert {k: getattr(query, k) for k in expected} == expected
