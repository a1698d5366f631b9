<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>BackendManager</name>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="66"/>
        <source>no backend Python configured: set it in the plugin settings (a Python with torch, sam2 and open_clip, e.g. the project&apos;s .venv/bin/python)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="88"/>
        <source>loading the model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="104"/>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="140"/>
        <source>cannot read the token file: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="192"/>
        <source>cannot read the backend&apos;s token: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="210"/>
        <source>the backend exited (code {}) {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="214"/>
        <source>cannot start {}: check the backend Python in the settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="71"/>
        <source>{} — choose the checkpoint in the plugin settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="149"/>
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
        <location filename="../rrsis_qgis/gui/dock.py" line="257"/>
        <source>Restart backend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="290"/>
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
</context>
<context>
    <name>RrsisPlugin</name>
    <message>
        <location filename="../rrsis_qgis/plugin.py" line="25"/>
        <source>RRSIS — find by phrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/plugin.py" line="27"/>
        <source>Find the object a phrase describes and get its outline as polygons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/plugin.py" line="92"/>
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
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="26"/>
        <source>default: ~/.cache/rrsis_qgis/models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="32"/>
        <source>View and results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="34"/>
        <source>Longest side (px)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="36"/>
        <source>Bands for R,G,B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="37"/>
        <source>automatic (1,2,3; one band → gray)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="38"/>
        <source>Results CRS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="40"/>
        <source>Results GeoPackage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="42"/>
        <source>Keep results in a temporary (memory) layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="43"/>
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
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="45"/>
        <source>Prepare the view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="46"/>
        <source>Encode the visible view once the map is still (the next phrase is answered faster)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="46"/>
        <source>Off on a laptop running on battery (Linux). Web layers are encoded when queried.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="47"/>
        <source>… after the map is still for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="48"/>
        <source> s</source>
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
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="114"/>
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
        <location filename="../rrsis_qgis/qgis_core/session.py" line="191"/>
        <source>query cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="194"/>
        <source>nothing found for “{}” in this view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="223"/>
        <source>RRSIS: {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="210"/>
        <source>could not show the heatmap/candidates: {}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="29"/>
        <source>the project CRS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="25"/>
        <source>Trained checkpoint…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="26"/>
        <source>Checkpoints (*.pt *.pth)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="27"/>
        <source>Choose a trained checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="28"/>
        <source>the raster layer&apos;s CRS (one results layer per CRS)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
