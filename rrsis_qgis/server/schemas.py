"""The /v1 contract as pydantic models; FastAPI turns them into the OpenAPI schema (the contract)."""
from __future__ import annotations

from typing import Annotated, Dict, List, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..phrase_check import MAX_PHRASE_CHARS, is_blank

MAX_POINTS, MAX_BOXES, MAX_TOP_K = 64, 16, 8

# The image: padded standard base64 of a PNG or of a NumPy .npy file, told apart by their first bytes (a PNG's
# signature + IHDR length → "iVBORw0KGgoAAAANSUhEUg", b"\x93NUMPY" → "k05VTVBZ"). In the schema only, like the
# phrase's pattern: the decoder answers a bad image with its own codes (422 bad_image, 415 unsupported_format).
IMAGE_FORMAT = "base64-image"  # a fuzzer registers a strategy for it (tests/e2e/server_process.image_strategy)
_B64_TAIL = r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"
IMAGE_SCHEMA = {
    "format": IMAGE_FORMAT, "contentEncoding": "base64",
    "oneOf": [{"title": "PNG", "contentMediaType": "image/png",
               "pattern": r"^iVBORw0KGgoAAAANSUhEUg[A-Za-z0-9+/]{2}" + _B64_TAIL},
              {"title": "NumPy .npy", "contentMediaType": "application/x-npy", "pattern": r"^k05VTVBZ" + _B64_TAIL}],
}
IMAGE_HELP = ("base64 of a PNG (8/16-bit gray, RGB, RGBA, palette) or of a .npy array (H×W, H×W×1|3|4; integers or "
              "floats; alpha 0 = no data), at least 8 px per side")

MAX_COORD = 1e6  # image px; anything beyond is a client bug, as are NaN and ±inf
Coord = Annotated[float, Field(allow_inf_nan=False, ge=-MAX_COORD, le=MAX_COORD)]
Point = List[Coord]  # [x, y, label]: label 1 = object, 0 = background
Box = List[Coord]  # [x0, y0, x1, y1]


class SegmentRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    image: str = Field(..., min_length=1, description=IMAGE_HELP, json_schema_extra=IMAGE_SCHEMA)
    phrase: str = Field(..., min_length=1, max_length=MAX_PHRASE_CHARS, json_schema_extra={"pattern": r"\S"},
                        description="what to find, in English (not blank)")
    points: Optional[List[Point]] = Field(None, max_length=MAX_POINTS, description="[[x, y, label], …] in image px")
    boxes: Optional[List[Box]] = Field(None, max_length=MAX_BOXES, description="[[x0, y0, x1, y1], …] in image px")
    top_k: int = Field(1, ge=1, le=MAX_TOP_K)
    return_heatmap: bool = False
    reasoning: bool = Field(True, description="parse the phrase and rank candidates by position/relation/…; "
                                              "false = plain activation peaks → SAM (faster)")
    request_id: Optional[str] = Field(None, pattern=r"^[A-Za-z0-9_-]{1,64}$",
                                      description="client-chosen id, for DELETE /v1/requests/{id}")

    @field_validator("phrase")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if is_blank(v):  # spaces, zero-width and filler characters alone say nothing
            raise ValueError("the phrase is empty")
        return v

    @field_validator("points")
    @classmethod
    def _points(cls, v):
        for p in v or []:
            if len(p) != 3 or p[2] not in (0, 1):
                raise ValueError("each point is [x, y, label] with label 1 (object) or 0 (background)")
        return v

    @field_validator("boxes")
    @classmethod
    def _boxes(cls, v):
        for b in v or []:
            if len(b) != 4 or not (b[2] > b[0] and b[3] > b[1]):
                raise ValueError("each box is [x0, y0, x1, y1] with x1 > x0 and y1 > y0")
        return v


class EncodeRequest(BaseModel):
    """Encode a view ahead of its query (the plugin sends it while the canvas is still)."""
    model_config = ConfigDict(extra="forbid")

    image: str = Field(..., min_length=1, description=IMAGE_HELP + "; the same bytes a later /v1/segment will send",
                       json_schema_extra=IMAGE_SCHEMA)
    request_id: Optional[str] = Field(None, pattern=r"^[A-Za-z0-9_-]{1,64}$")
    session: str = Field("", pattern=r"^[A-Za-z0-9_-]{0,64}$",
                         description="a newer encode of the same session cancels older ones still waiting")


class EncodeResponse(BaseModel):
    request_id: str
    cache: str  # "hit" (it was already encoded) or "miss" (encoded now)
    timings_ms: Dict[str, float]


class Rle(BaseModel):
    size: List[int]
    counts: str


class MaskOut(BaseModel):
    rle: Rle
    score: float
    bbox: List[float]  # x0, y0, x1, y1 in image px (exclusive max)
    terms: Dict[str, float] = {}  # this mask's per-term scores (the "why"), carried with it


class Candidate(BaseModel):
    bbox: List[float]
    score: float
    terms: Dict[str, float] = {}  # per-term scores: activation, attribute, position, relation, …
    refined: bool = True  # False: ranked on its coarse activation region only (not cut by SAM)


class Heatmap(BaseModel):
    png: str
    scale: float


class Parse(BaseModel):
    target: Optional[str] = None
    attributes: List[str] = []
    relation: Optional[str] = None
    landmark: Optional[Union[str, List[str]]] = None
    position: Optional[str] = None
    superlative: Optional[str] = None
    superlative_ref: Optional[str] = None
    ordinal: Optional[int] = None
    ordinal_from: Optional[str] = None
    frame: Optional[str] = Field(None, description="the object whose extent frames the position "
                                                     "('the upper part of the dock' → dock); none: the image")
    landmark_part: Optional[str] = Field(None, description="end | edge: the landmark's part meant ('the tip of the pier')")
    landmark_superlative: Optional[str] = Field(None, description="how the landmark itself is picked "
                                                                  "('beside the larger pond' → largest, 'the top "
                                                                  "dock' → topmost, 'the bottom-right dock' → "
                                                                  "bottom-right: the piece nearest that corner)")
    landmark_attributes: List[str] = []
    landmark_is_target: bool = Field(False, description="the landmark is another instance of the target "
                                                        "('next to the other one')")


class SegmentResponse(BaseModel):
    request_id: str
    masks: List[MaskOut]
    heatmap: Optional[Heatmap] = None
    candidates: List[Candidate]
    parse: Parse
    timings_ms: Dict[str, float]
    models: Dict[str, str]
    cache: str  # "hit" or "miss"
    message: Optional[str] = None  # set when nothing was found: "nothing matching '…' in this view"


class CacheStats(BaseModel):
    entries: int
    hits: int
    misses: int
    bytes: int
    max_bytes: int


class Health(BaseModel):
    status: str
    version: str
    device: str
    models: Dict[str, str]
    cache: CacheStats
    queue: int


class ModelFile(BaseModel):
    key: str
    file: str
    url: str
    present: bool
    size: Optional[int]
    sha256: Optional[str]


class ModelInfo(BaseModel):
    id: str
    description: str
    loaded: bool
    random_weights: bool
    files: List[ModelFile]


class Models(BaseModel):
    models: List[ModelInfo]


class CancelResult(BaseModel):
    request_id: str
    state: str


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorResponse(BaseModel):
    error: ErrorBody


class JobError(ErrorBody):
    status: int = Field(..., description="the HTTP status the synchronous route answers for this error")


class JobStatus(BaseModel):
    """A job of /v1/jobs: poll it until ``state`` is final; the final answer (``result`` or ``error``) is given once."""

    job_id: str
    kind: str  # "segment" or "encode"
    state: str  # queued, running, done, failed, cancelled
    stage: str  # what it is doing, in words
    progress: float = Field(..., ge=0.0, le=1.0,
                            description="0 queued … 1 done; while the model runs, estimated from recent run times")
    queue_position: int = Field(0, description="jobs that run before this one (0: it runs next or now)")
    elapsed_s: float
    result: Optional[Union[SegmentResponse, EncodeResponse]] = None  # when done
    error: Optional[JobError] = None  # when failed or cancelled
