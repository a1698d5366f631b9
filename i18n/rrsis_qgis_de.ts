<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>BackendManager</name>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="49"/>
        <source>no backend Python configured: set it in the plugin settings (a Python with torch, sam2 and open_clip, e.g. the project&apos;s .venv/bin/python)</source>
        <translation>kein Backend-Python eingestellt: in den Plugin-Einstellungen festlegen (ein Python mit torch, sam2 und open_clip, z. B. .venv/bin/python des Projekts)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="71"/>
        <source>loading the model…</source>
        <translation>Modell wird geladen…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="85"/>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="94"/>
        <source>cannot read the token file: {}</source>
        <translation>Token-Datei kann nicht gelesen werden: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="127"/>
        <source>cannot read the backend&apos;s token: {}</source>
        <translation>Token des Backends kann nicht gelesen werden: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="145"/>
        <source>the backend exited (code {}) {}</source>
        <translation>das Backend wurde beendet (Code {}) {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="149"/>
        <source>cannot start {}: check the backend Python in the settings</source>
        <translation>{} kann nicht gestartet werden: Backend-Python in den Einstellungen prüfen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="54"/>
        <source>{} — choose the checkpoint in the plugin settings</source>
        <translation>{} — Checkpoint in den Plugin-Einstellungen auswählen</translation>
    </message>
</context>
<context>
    <name>ModelChoice</name>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="43"/>
        <source>choose the trained checkpoint file (.pt)</source>
        <translation>die trainierte Checkpoint-Datei (.pt) auswählen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="45"/>
        <source>the checkpoint path must be a full path: {}</source>
        <translation>der Checkpoint-Pfad muss ein vollständiger Pfad sein: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="47"/>
        <source>the checkpoint file does not exist: {}</source>
        <translation>die Checkpoint-Datei existiert nicht: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="49"/>
        <source>the checkpoint is not a file: {}</source>
        <translation>der Checkpoint ist keine Datei: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="51"/>
        <source>the checkpoint file cannot be read: {}</source>
        <translation>die Checkpoint-Datei kann nicht gelesen werden: {}</translation>
    </message>
</context>
<context>
    <name>RrsisDock</name>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="25"/>
        <source>RRSIS — find by phrase</source>
        <translation>RRSIS — per Beschreibung finden</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="85"/>
        <source>Export results</source>
        <translation>Ergebnisse exportieren</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="85"/>
        <source>GeoPackage (*.gpkg);;Shapefile (*.shp)</source>
        <translation>GeoPackage (*.gpkg);;Shapefile (*.shp)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="97"/>
        <source>{} feature(s) exported to {}</source>
        <translation>{} Objekt(e) nach {} exportiert</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="98"/>
        <source>Open folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="105"/>
        <source>no raster layer</source>
        <translation>kein Rasterlayer</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="124"/>
        <source>run a phrase first, then add points to refine it</source>
        <translation>zuerst eine Beschreibung ausführen, dann Punkte zum Verfeinern setzen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="137"/>
        <source>Restart</source>
        <translation>Neu starten</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="10"/>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="161"/>
        <source>Restart backend</source>
        <translation>Backend neu starten</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="174"/>
        <source>e.g. the white storage tank left of the road</source>
        <translation>z. B. the white storage tank left of the road</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="9"/>
        <source>● backend down</source>
        <translation>● Backend aus</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="11"/>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="12"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="12"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="15"/>
        <source>Raster layer</source>
        <translation>Rasterlayer</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="17"/>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="18"/>
        <source>What are you looking for?</source>
        <translation>Wonach suchen Sie?</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="27"/>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="28"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="29"/>
        <source>Refine…</source>
        <translation>Verfeinern…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="29"/>
        <source>Click the map: left = part of the object, right = not part of it</source>
        <translation>In die Karte klicken: links = gehört zum Objekt, rechts = gehört nicht dazu</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="37"/>
        <source>Phrase</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="38"/>
        <source>Score</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="39"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="44"/>
        <source>Accept</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="45"/>
        <source>Reject</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="46"/>
        <source>Zoom to</source>
        <translation>Hinzoomen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="51"/>
        <source>Export all (not only accepted)</source>
        <translation>Alle exportieren (nicht nur angenommene)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="52"/>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
</context>
<context>
    <name>RrsisPlugin</name>
    <message>
        <location filename="../rrsis_qgis/plugin.py" line="25"/>
        <source>RRSIS — find by phrase</source>
        <translation>RRSIS — per Beschreibung finden</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/plugin.py" line="27"/>
        <source>Find the object a phrase describes and get its outline as polygons</source>
        <translation>Das beschriebene Objekt finden und seinen Umriss als Polygone erhalten</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/plugin.py" line="84"/>
        <source>Restarting the backend with the new settings</source>
        <translation>Das Backend wird mit den neuen Einstellungen neu gestartet</translation>
    </message>
</context>
<context>
    <name>RrsisProvider</name>
    <message>
        <location filename="../rrsis_qgis/processing/provider.py" line="17"/>
        <source>RRSIS — referring segmentation</source>
        <translation>RRSIS — referenzierende Segmentierung</translation>
    </message>
</context>
<context>
    <name>RrsisSettings</name>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="5"/>
        <source>RRSIS settings</source>
        <translation>RRSIS-Einstellungen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="10"/>
        <source>Backend</source>
        <translation>Backend</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="12"/>
        <source>Backend Python</source>
        <translation>Backend-Python</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="13"/>
        <source>a Python with torch, sam2 and open_clip (e.g. …/.venv/bin/python)</source>
        <translation>ein Python mit torch, sam2 und open_clip (z. B. …/.venv/bin/python)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="14"/>
        <source>Or running backend URL</source>
        <translation>Oder URL eines laufenden Backends</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="15"/>
        <source>http://gpu-box:8765 (leave empty to start one)</source>
        <translation>http://gpu-box:8765 (leer lassen, um eines zu starten)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="16"/>
        <source>Its token file</source>
        <translation>Seine Token-Datei</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="18"/>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="20"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="25"/>
        <source>Models folder</source>
        <translation>Modellordner</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="26"/>
        <source>default: ~/.cache/rrsis_qgis/models</source>
        <translation>Standard: ~/.cache/rrsis_qgis/models</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="32"/>
        <source>View and results</source>
        <translation>Ansicht und Ergebnisse</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="34"/>
        <source>Longest side (px)</source>
        <translation>Längste Seite (px)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="36"/>
        <source>Bands for R,G,B</source>
        <translation>Bänder für R,G,B</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="37"/>
        <source>automatic (1,2,3; one band → gray)</source>
        <translation>automatisch (1,2,3; ein Band → grau)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="38"/>
        <source>Results CRS</source>
        <translation>KBS der Ergebnisse</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="40"/>
        <source>Results GeoPackage</source>
        <translation>Ergebnis-GeoPackage</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="42"/>
        <source>Keep results in a temporary (memory) layer</source>
        <translation>Ergebnisse in einem temporären Layer (Speicher) halten</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="43"/>
        <source>Candidates per query</source>
        <translation>Kandidaten pro Abfrage</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="22"/>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="23"/>
        <source>A model trained with &quot;python -m rrsis_qgis.train fit&quot; (a .pt file)</source>
        <translation>Ein mit „python -m rrsis_qgis.train fit“ trainiertes Modell (eine .pt-Datei)</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="54"/>
        <source>a query is already running: wait for it or cancel it</source>
        <translation>eine Abfrage läuft bereits: abwarten oder abbrechen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="74"/>
        <source>run a phrase first, then add points to refine it</source>
        <translation>zuerst eine Beschreibung ausführen, dann Punkte zum Verfeinern setzen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="111"/>
        <source>there are no results to export yet</source>
        <translation>es gibt noch keine Ergebnisse zum Exportieren</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="136"/>
        <source>query cancelled</source>
        <translation>Abfrage abgebrochen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="139"/>
        <source>nothing found for “{}” in this view</source>
        <translation>nichts gefunden für „{}“ in dieser Ansicht</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="165"/>
        <source>RRSIS: {}</source>
        <translation>RRSIS: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="154"/>
        <source>could not show the heatmap/candidates: {}</source>
        <translation>Heatmap/Kandidaten konnten nicht angezeigt werden: {}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="26"/>
        <source>the raster layer&apos;s CRS</source>
        <translation>das KBS des Rasterlayers</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="27"/>
        <source>the project CRS</source>
        <translation>das Projekt-KBS</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="23"/>
        <source>Trained checkpoint…</source>
        <translation>Trainierter Checkpoint…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="24"/>
        <source>Checkpoints (*.pt *.pth)</source>
        <translation>Checkpoints (*.pt *.pth)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="25"/>
        <source>Choose a trained checkpoint</source>
        <translation>Trainierten Checkpoint auswählen</translation>
    </message>
</context>
</TS>
