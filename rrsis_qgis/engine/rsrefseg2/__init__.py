"""RSRefSeg 2's released checkpoints (KyanChen/RSRefSeg2), computed exactly as the authors' inference does.

``--model rsrefseg2:FILE_OR_FOLDER`` or a preset (``rsrefseg2-rrsisd``, ``-refsegrs``, ``-risbench``):
SigLIP 2 towers + the cascaded prompter + SAM 2.1 through the shared SAM 2 adapter.
"""
PREFIX = "rsrefseg2:"
