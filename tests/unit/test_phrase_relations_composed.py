"""Relations composed from a spatial head and its modifiers (issue 21, blind batches 3–5 and development page
9,504,000): degree adverbs, "from" for "of", a vertical word joined to a side, a relation opening the sentence, a
relation after the position, "among", "at", "aligned with", a quantified landmark; and a swapped-direction control."""
import pytest

from rrsis_qgis.engine.phrase import parse


def _head(landmark):
    return landmark.split()[-1] if isinstance(landmark, str) else landmark


@pytest.mark.parametrize("phrase, relation, landmark", [
    ("The vehicle located further to the right from the previously described vehicle, near the bottom-right corner.",
     "right_of", "vehicle"),
    ("The plane positioned slightly upper and to the right of the upper left plane, near the top edge of the image.",
     "north_east_of", "plane"),
    ("The tank located just slightly to the left of the white building.", "left_of", "building"),
    ("The bridge with a unique angular shape crossing diagonally over the area stands out.", "above", "area"),
    ("Inside the stadium, the ground with a green field and a red running track stands out.", "inside", "stadium"),
    ("The large vehicle is positioned towards the bottom-right side on the highway.", "on", "highway"),
    ("The small vehicle is traveling on one of the lanes, positioned towards the top-left of the image.", "on",
     "lanes"),
    ("The storage-tank can be identified in the upper section among the trees.", "near", "trees"),  # amid them
    ("The smallest ship among the ones visible, located at the top dock.", "next_to", "dock"),
    ("The plane at the bottom-left corner of the image, placed almost at the edge of the tarmac.", "near", "tarmac"),
    ("The red vehicle situated above and aligned with other vehicles in the parking area.", "above", "vehicles"),
    ("The plane situated close to the top edge of the image, aligned with the upper section of the terminal.",
     "next_to", "terminal"),
    ("The plane can be seen in the top-left quadrant of the image, near the first tarmac marking from the left.",
     "near", "marking"),
])
def test_a_composed_relation_and_its_landmark(phrase, relation, landmark):
    q = parse(phrase)
    assert (q.relation, _head(q.landmark)) == (relation, landmark)


@pytest.mark.parametrize("phrase", [
    "The ship positioned in the top-left corner of the image is the top-most among the visible ships.",
    "The bridge positioned towards the top-right of the image, near the top edge, stands out among the features.",
    "The vehicle located slightly to the right of the center of the image.",
    "The expressway toll station situated at the bottom-right sections of the image.",
    "The small vehicle located at the most bottom position in the image.",
])
def test_comparison_sets_and_image_places_are_no_relation(phrase):
    assert parse(phrase).relation is None


@pytest.mark.parametrize("phrase, relation", [
    ("The plane positioned slightly upper and to the right of the hangar.", "north_east_of"),
    ("The plane positioned slightly lower and to the left of the hangar.", "south_west_of"),
    ("The plane positioned slightly upper and to the left of the hangar.", "north_west_of"),
    ("The plane positioned slightly lower and to the right of the hangar.", "south_east_of"),
    ("The car parked further to the left from the bus.", "left_of"),
    ("The car parked further to the right from the bus.", "right_of"),
])
def test_swapped_directions_give_swapped_relations(phrase, relation):
    q = parse(phrase)
    assert (q.relation, _head(q.landmark)) == (relation, "hangar" if "hangar" in phrase else "bus")


@pytest.mark.parametrize("phrase, relation, landmark", [
    ("The car parked in front of the warehouse.", "near", "warehouse"),
    ("The small vehicle facing the large building.", "near", "building"),
    ("The shed adjoining the tennis court.", "next_to", "court"),
    ("The bridge bridging the river in the middle of the image.", "above", "river"),
    ("The ship, with its position near the middle of the image and a white deck, is moored at the harbor.",
     "next_to", "harbor"),
])
def test_more_spatial_heads(phrase, relation, landmark):
    q = parse(phrase)
    assert (q.relation, _head(q.landmark)) == (relation, landmark)


def test_a_place_said_in_a_with_clause_stays_the_place():
    assert parse("The ship, with its position near the middle of the image, is moored at the harbor.").position == \
        "center"


@pytest.mark.parametrize("phrase, relation, landmark", [  # added after blind batch 6 ran (not blind)
    ("The small vehicle is located in the corner, separated from the majority of other structures.", "far_from",
     "structures"),
    ("The plane situated towards the upper part of the image is adjacent to a number of service vehicles.",
     "next_to", "vehicles"),
    ("The bridge surrounded by agricultural fields without nearby buildings.", "inside", "fields"),
    # how it lies, not next to what: the development table and both labellers of blind batch 21 read it so
    ("The large ship is perpendicular to the shoreline.", None, None),
    ("The large ship towards the top-middle of the image stands out due to its location nearby the pier.", "near",
     "pier"),
])
def test_partitive_landmarks_denied_relations_and_a_place_in_a_description(phrase, relation, landmark):
    q = parse(phrase)
    assert (q.relation, _head(q.landmark)) == (relation, landmark)
