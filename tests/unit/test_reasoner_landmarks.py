"""The reasoner on the landmark phrasing of issue 21, with known masks: the frame of a position, a landmark's part,
a landmark's own superlative, another instance as the landmark — each with a swapped or image-frame control."""
import numpy as np

from rrsis_qgis.engine.phrase import parse
from rrsis_qgis.engine.reasoner import Instance, landmark_names, rank
from rrsis_qgis.train.referring_scenes import SIZE, disc


def box(x0, y0, x1, y1):
    m = np.zeros((SIZE, SIZE), bool)
    m[y0:y1, x0:x1] = True
    return m


DOCK = box(10, 140, 125, 250)  # in the image's bottom-left
IN_DOCK_UPPER_RIGHT, IN_DOCK_LOWER_LEFT, IMAGE_TOP_RIGHT = disc(112, 152, 6), disc(22, 238, 6), disc(240, 15, 6)
VEHICLES = [Instance(m, 0.9) for m in (IN_DOCK_UPPER_RIGHT, IN_DOCK_LOWER_LEFT, IMAGE_TOP_RIGHT)]


def best(candidates, phrase, landmarks=None):
    return rank(candidates, parse(phrase), landmarks)[0].index


def test_the_frame_is_the_landmark_not_the_image():
    q = parse("the vehicle in the upper-right part of the dock")
    assert landmark_names(q) == ["dock"]
    assert best(VEHICLES, q.text, [DOCK]) == 0
    # the same phrase with the image as the frame picks the image's top-right: the frame is what decides
    assert best(VEHICLES, q.text, None) == 2


def test_swapped_direction_inside_the_frame_picks_the_other_end():
    assert best(VEHICLES, "the vehicle in the lower-left part of the dock", [DOCK]) == 1
    assert best(VEHICLES, "the vehicle in the upper-right part of the dock", [DOCK]) != 1


def test_the_lower_end_of_the_runway():
    runway = box(120, 20, 136, 236)  # vertical, in the image's middle
    top_of_runway, bottom_of_runway, image_bottom = disc(128, 30, 5), disc(128, 226, 5), disc(30, 250, 5)
    planes = [Instance(m, 0.9) for m in (top_of_runway, bottom_of_runway, image_bottom)]
    assert best(planes, "the plane at the lower end of the runway", [runway]) == 1
    assert best(planes, "the plane at the upper end of the runway", [runway]) == 0


def test_nearest_the_tip_of_the_pier_is_near_its_end_not_its_middle():
    pier = box(0, 124, 200, 132)  # from the left edge to x = 200
    at_tip, beside_middle = disc(212, 128, 5), disc(100, 139, 5)  # the middle one is nearer the pier itself
    ships = [Instance(m, 0.9) for m in (at_tip, beside_middle)]
    assert best(ships, "the ship nearest the tip of the pier", [pier]) == 0
    assert best(ships, "the ship nearest the pier", [pier]) == 1  # without the part the nearer one wins


def test_beside_the_larger_pond_and_its_swap():
    ponds = disc(60, 60, 30) | disc(190, 190, 10)
    by_large, by_small = disc(60, 100, 5), disc(190, 208, 5)
    boats = [Instance(m, 0.9) for m in (by_large, by_small)]
    assert best(boats, "the boat beside the larger pond", [ponds]) == 0
    assert best(boats, "the boat beside the smaller pond", [ponds]) == 1


def test_left_of_the_other_one_and_its_swap():
    courts = [Instance(disc(x, 128, 10), 0.9) for x in (200, 40, 120)]
    assert best(courts, "the tennis court to the left of the other one") == 1
    assert best(courts, "the tennis court to the right of the other one") == 0


def test_next_to_another_one_is_the_one_with_a_neighbour():
    tanks = [Instance(m, 0.9) for m in (disc(40, 40, 10), disc(200, 200, 10), disc(224, 200, 10))]
    ranked = rank(tanks, parse("the tank next to the other one"))
    assert {ranked[0].index, ranked[1].index} == {1, 2} and ranked[2].index == 0


TANK = disc(128, 128, 12)
UPPER_LEFT, UPPER_RIGHT, LOWER_LEFT = disc(80, 80, 6), disc(170, 90, 6), disc(80, 176, 6)
CARS = [Instance(m, 0.9) for m in (UPPER_LEFT, UPPER_RIGHT, LOWER_LEFT)]


def test_a_diagonal_relation_needs_both_sides_and_its_swap_picks_another():
    # the upper-right car is the nearest above the tank: a reasoner that kept only "above" would pick it
    assert best(CARS, "the car to the upper left of the tank", [TANK]) == 0
    assert best(CARS, "the car to the north-east of the tank", [TANK]) == 1
    assert best(CARS, "the car below and to the left of the tank", [TANK]) == 2
    assert best(CARS, "the car to the lower right of the tank", [TANK]) != 0


def test_a_landmark_before_it_turns_the_relation():
    road = box(0, 124, 256, 132)
    above, below = disc(128, 100, 6), disc(128, 160, 6)
    bridges = [Instance(m, 0.9) for m in (above, below)]
    assert best(bridges, "the bridge with the road beneath it", [road]) == 0
    assert best(bridges, "the bridge with the road above it", [road]) == 1


def test_the_bottom_most_edge_of_the_rooftop_is_inside_the_rooftop_and_its_swap():
    roof = box(60, 40, 200, 140)
    roof_bottom_right, roof_bottom_left, image_bottom = disc(185, 130, 5), disc(75, 130, 5), disc(200, 240, 5)
    vehicles = [Instance(m, 0.9) for m in (roof_bottom_right, roof_bottom_left, image_bottom)]
    q = parse("The vehicle located at the bottom-most edge of the rooftop, towards the right side.")
    assert landmark_names(q) == ["rooftop"]
    assert best(vehicles, q.text, [roof]) == 0
    assert best(vehicles, "The vehicle located at the bottom-most edge of the rooftop, towards the left side.",
                [roof]) == 1


def test_the_ship_at_the_top_dock_and_its_swap():
    docks = box(20, 30, 120, 50) | box(20, 200, 120, 220)  # one dock high in the image, one low
    by_top, by_bottom = disc(130, 40, 6), disc(130, 210, 6)
    ships = [Instance(m, 0.9) for m in (by_top, by_bottom)]
    assert parse("the ship moored at the top dock").landmark == "dock"
    assert best(ships, "the ship moored at the top dock", [docks]) == 0
    assert best(ships, "the ship moored at the bottom dock", [docks]) == 1


def test_beside_the_bottom_right_building_picks_the_piece_nearest_that_corner():
    buildings = box(10, 10, 40, 40) | box(200, 10, 230, 40) | box(200, 200, 230, 230)
    by_top_left, by_top_right, by_bottom_right = disc(50, 25, 5), disc(190, 25, 5), disc(190, 215, 5)
    cars = [Instance(m, 0.9) for m in (by_top_left, by_top_right, by_bottom_right)]
    assert best(cars, "the car beside the bottom-right building", [buildings]) == 2
    assert best(cars, "the car beside the top-left building", [buildings]) == 0
