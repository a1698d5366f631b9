"""RS2-SAM 2's released models (rongfu-dsb/RS2-SAM2, HF ReeF2025/RS2-SAM2), computed as the authors' inference does.

``--model rs2sam2:FOLDER`` or a preset (``rs2sam2-rrsisd``, ``rs2sam2-refsegrs``): BEiT-3 large on image +
phrase, the pseudo-mask prompt, and SAM 2.0 hiera-L with the authors' text adapters (engine/sam2_text.py).
"""
