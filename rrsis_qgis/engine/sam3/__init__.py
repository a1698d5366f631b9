"""SAM 3 (Meta's "Segment Anything with Concepts", transformers' ``Sam3Model``) as a candidate source for our reasoner.

``--model sam3`` (the preset, facebook/sam3's files), ``sam3:FOLDER`` (a ``save_pretrained`` folder) or
``sam3-random`` (a small random model, tests): the phrase's target noun with its attributes is SAM 3's concept
prompt, each landmark another prompt, and the reasoner picks among SAM 3's instances.
"""
