<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>BackendManager</name>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="70"/>
        <source>no backend Python configured: set it in the plugin settings (a Python with torch, sam2 and open_clip, e.g. the project&apos;s .venv/bin/python)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="92"/>
        <source>loading the model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="108"/>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="144"/>
        <source>cannot read the token file: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="196"/>
        <source>cannot read the backend&apos;s token: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="216"/>
        <source>the backend exited (code {}) {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="220"/>
        <source>cannot start {}: check the backend Python in the settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="75"/>
        <source>{} — choose the checkpoint in the plugin settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="153"/>
        <source>connecting to {}…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelChoice</name>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="43"/>
        <source>choose the trained checkpoint file (.pt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="45"/>
        <source>the checkpoint path must be a full path: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="47"/>
        <source>the checkpoint file does not exist: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="49"/>
        <source>the checkpoint is not a file: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="51"/>
        <source>the checkpoint file cannot be read: {}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelManager</name>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_manager.py" line="191"/>
        <source>no backend Python configured: set it in the plugin settings (a Python with the rrsis_qgis requirements, e.g. the project&apos;s .venv/bin/python)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_manager.py" line="211"/>
        <source>`models {}` exited with code {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_manager.py" line="216"/>
        <source>unexpected answer from `models {}`: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_manager.py" line="268"/>
        <source>cannot start {}: check the backend Python in the settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_manager.py" line="259"/>
        <source>the download exited with code {}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelsDialog</name>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="78"/>
        <source>Models folder: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="48"/>
        <source>(the default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="57"/>
        <source>computing the sha256 of the checkpoints on disk…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="66"/>
        <source>downloading {}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="101"/>
        <source>no checkpoint on disk to verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="103"/>
        <source>{} verified, {} without a pinned sha256, {} wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="122"/>
        <source>{} downloaded and its sha256 verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="122"/>
        <source>{} downloaded; not verified: the manifest pins no sha256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="125"/>
        <source>{}: download cancelled; the partial file stays and the next download resumes it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="129"/>
        <source>{}: download failed: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="143"/>
        <source>{}
used by: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="162"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="162"/>
        <source>Download again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="162"/>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="162"/>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="165"/>
        <source>on disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="183"/>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="185"/>
        <source>partial ({})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="185"/>
        <source>an interrupted download: it resumes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="186"/>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="190"/>
        <source>download failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="191"/>
        <source>not checked (Verify)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="191"/>
        <source>verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="192"/>
        <source>not pinned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="192"/>
        <source>wrong</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RrsisDock</name>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="30"/>
        <source>RRSIS — find by phrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="107"/>
        <source>Export results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="107"/>
        <source>GeoPackage (*.gpkg);;Shapefile (*.shp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="120"/>
        <source>{} feature(s) exported to {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="121"/>
        <source>Open folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="133"/>
        <source>no raster layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="208"/>
        <source>run a phrase first, then add points to refine it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="234"/>
        <source>Restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="10"/>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="259"/>
        <source>Restart backend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="315"/>
        <source>e.g. the white storage tank left of the road</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="9"/>
        <source>● backend down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="11"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="12"/>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="12"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="15"/>
        <source>Raster layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="17"/>
        <source>–</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="18"/>
        <source>What are you looking for?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="27"/>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="28"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="29"/>
        <source>Refine…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="29"/>
        <source>Click the map: left = part of the object, right = not part of it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="38"/>
        <source>Phrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="39"/>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="40"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="45"/>
        <source>Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="46"/>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="47"/>
        <source>Zoom to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="52"/>
        <source>Export all (not only accepted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="53"/>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="127"/>
        <source>{} phrase(s) are longer than {} characters: the Shapefile keeps only their first {}; export to GeoPackage to keep them whole</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="134"/>
        <source>view ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="134"/>
        <source>preparing the view…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="162"/>
        <source>the selected result is no longer in the results layer (undone or deleted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="215"/>
        <source>that point is outside the view of the last query: run the phrase again on this view first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="232"/>
        <source>Details: View ▸ Panels ▸ Log Messages ▸ rrsis_qgis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="30"/>
        <source>Heatmap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="30"/>
        <source>Show where the phrase matches, as a layer under the results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="45"/>
        <source>Accept the selected results (Alt+Shift+A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="46"/>
        <source>Reject the selected results (Alt+Shift+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="47"/>
        <source>Zoom to the selected results (Alt+Shift+Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="269"/>
        <source>Model weights are missing: {} — download them, then press Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="271"/>
        <source>Download…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="1"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="1"/>
        <source>Shapefile (*.shp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="1"/>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="1"/>
        <source>Open the plugin settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewList</name>
    <message>
        <location filename="../rrsis_qgis/gui/review_list.py" line="1"/>
        <source>RRSIS: accept the selected results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/review_list.py" line="1"/>
        <source>RRSIS: reject the selected results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/review_list.py" line="1"/>
        <source>RRSIS: zoom to the selected results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/review_list.py" line="1"/>
        <source>the selected result is no longer in the results layer (undone or deleted)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RrsisModels</name>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="5"/>
        <source>RRSIS models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="17"/>
        <source>Checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="18"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="19"/>
        <source>On disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="20"/>
        <source>Checksum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="21"/>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="28"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="28"/>
        <source>Read the models folder again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="29"/>
        <source>Verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="29"/>
        <source>Compute the sha256 of every checkpoint on disk and compare it with the manifest (a few seconds per GB)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RrsisPlugin</name>
    <message>
        <location filename="../rrsis_qgis/plugin.py" line="27"/>
        <source>RRSIS — find by phrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/plugin.py" line="29"/>
        <source>Find the object a phrase describes and get its outline as polygons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/plugin.py" line="101"/>
        <source>Restarting the backend with the new settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RrsisProvider</name>
    <message>
        <location filename="../rrsis_qgis/processing/provider.py" line="17"/>
        <source>RRSIS — referring segmentation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RrsisSettings</name>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="5"/>
        <source>RRSIS settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="10"/>
        <source>Backend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="12"/>
        <source>Backend Python</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="13"/>
        <source>a Python with torch, sam2 and open_clip (e.g. …/.venv/bin/python)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="14"/>
        <source>Or running backend URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="15"/>
        <source>http://gpu-box:8765 (leave empty to start one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="16"/>
        <source>Its token file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="18"/>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="20"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="25"/>
        <source>Models folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="28"/>
        <source>default: ~/.cache/rrsis_qgis/models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="38"/>
        <source>View and results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="40"/>
        <source>Longest side (px)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="42"/>
        <source>Bands for R,G,B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="43"/>
        <source>automatic (1,2,3; one band → gray)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="44"/>
        <source>Results CRS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="46"/>
        <source>Results GeoPackage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="48"/>
        <source>Keep results in a temporary (memory) layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="49"/>
        <source>Candidates per query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="22"/>
        <source>Checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="23"/>
        <source>A model trained with &quot;python -m rrsis_qgis.train fit&quot; (a .pt file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="51"/>
        <source>Prepare the view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="52"/>
        <source>Encode the visible view once the map is still (the next phrase is answered faster)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="52"/>
        <source>Off on a laptop running on battery (Linux). Web layers are encoded when queried.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="53"/>
        <source>… after the map is still for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="54"/>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="29"/>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="29"/>
        <source>Choose the models folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="30"/>
        <source>Models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="30"/>
        <source>The checkpoints in this folder: download, cancel, verify</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SegmentByPhrase</name>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="53"/>
        <source>Segment by phrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="63"/>
        <source>Raster layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="64"/>
        <source>Phrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="66"/>
        <source>Extent (default: the whole raster)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="68"/>
        <source>Target GSD, m/px (0 = the raster&apos;s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="70"/>
        <source>Tile size, px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="72"/>
        <source>Tile overlap, px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="74"/>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="74"/>
        <source>single: the one referred object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="74"/>
        <source>all: every instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="77"/>
        <source>Score threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="79"/>
        <source>Backend URL (empty: the panel&apos;s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="81"/>
        <source>Backend token file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="83"/>
        <source>Segments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="90"/>
        <source>the input must be a raster file that GDAL reads (web layers are not tiled; use the panel for them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="129"/>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="103"/>
        <source>a query is already running: wait for it or cancel it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="100"/>
        <source>run a phrase first, then add points to refine it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="150"/>
        <source>there are no results to export yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="194"/>
        <source>query cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="197"/>
        <source>nothing found for “{}” in this view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="226"/>
        <source>RRSIS: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="213"/>
        <source>could not show the heatmap/candidates: {}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="30"/>
        <source>the project CRS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="26"/>
        <source>Trained checkpoint…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="27"/>
        <source>Checkpoints (*.pt *.pth)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="28"/>
        <source>Choose a trained checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="29"/>
        <source>the raster layer&apos;s CRS (one results layer per CRS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="80"/>
        <source>Choose the models folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
