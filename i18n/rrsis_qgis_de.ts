<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>BackendChoice</name>
    <message>
        <location filename="../rrsis_qgis/processing/backend_choice.py" line="23"/>
        <source>the backend at {} does not answer: {}</source>
        <translation>das Backend unter {} antwortet nicht: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/backend_choice.py" line="39"/>
        <source>no backend: press Start in the RRSIS panel, or give this algorithm the backend URL and its token file (python -m rrsis_qgis.server --token-file FILE prints the URL)</source>
        <translation>kein Backend: drücken Sie Start im RRSIS-Bedienfeld oder geben Sie diesem Algorithmus die URL des Backends und seine Token-Datei (python -m rrsis_qgis.server --token-file DATEI gibt die URL aus)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/backend_choice.py" line="59"/>
        <source>a backend URL needs its token file (the server writes it at start)</source>
        <translation>eine Backend-URL braucht ihre Token-Datei (der Server schreibt sie beim Start)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/backend_choice.py" line="64"/>
        <source>cannot read the token file {}: {}</source>
        <translation>die Token-Datei {} kann nicht gelesen werden: {}</translation>
    </message>
</context>
<context>
    <name>BackendManager</name>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="112"/>
        <source>no backend Python configured: set it in the plugin settings (a Python with torch, sam2 and open_clip, e.g. the project&apos;s .venv/bin/python)</source>
        <translation>kein Backend-Python eingestellt: in den Plugin-Einstellungen festlegen (ein Python mit torch, sam2 und open_clip, z. B. .venv/bin/python des Projekts)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="131"/>
        <source>loading the model…</source>
        <translation>Modell wird geladen…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="147"/>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="183"/>
        <source>cannot read the token file: {}</source>
        <translation>Token-Datei kann nicht gelesen werden: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="234"/>
        <source>cannot read the backend&apos;s token: {}</source>
        <translation>Token des Backends kann nicht gelesen werden: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="254"/>
        <source>the backend exited (code {}) {}</source>
        <translation>das Backend wurde beendet (Code {}) {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="258"/>
        <source>cannot start {}: check the backend Python in the settings</source>
        <translation>{} kann nicht gestartet werden: Backend-Python in den Einstellungen prüfen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="117"/>
        <source>{} — choose the checkpoint in the plugin settings</source>
        <translation>{} — Checkpoint in den Plugin-Einstellungen auswählen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="192"/>
        <source>connecting to {}…</source>
        <translation>verbinde mit {}…</translation>
    </message>
</context>
<context>
    <name>Extent</name>
    <message>
        <location filename="../rrsis_qgis/qgis_core/extent.py" line="56"/>
        <source>the map view does not show any part of {}: pan or zoom to it</source>
        <translation>die Kartenansicht zeigt keinen Teil von {}: verschieben oder zoomen Sie dorthin</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/extent.py" line="86"/>
        <source>choose a raster layer first</source>
        <translation>wählen Sie zuerst einen Rasterlayer</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/extent.py" line="88"/>
        <source>{} has no coordinate reference system, so polygons could not be placed on the map. Assign one first (Layer Properties → Source → Assigned coordinate reference system).</source>
        <translation>{} hat kein Koordinatenbezugssystem, daher könnten Polygone nicht auf der Karte platziert werden. Weisen Sie zuerst eines zu (Layereigenschaften → Quelle → Zugewiesenes Koordinatenbezugssystem).</translation>
    </message>
</context>
<context>
    <name>ModelChoice</name>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="58"/>
        <source>choose the trained checkpoint file (.pt)</source>
        <translation>die trainierte Checkpoint-Datei (.pt) auswählen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="62"/>
        <source>the checkpoint path must be a full path: {}</source>
        <translation>der Checkpoint-Pfad muss ein vollständiger Pfad sein: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="64"/>
        <source>the checkpoint file does not exist: {}</source>
        <translation>die Checkpoint-Datei existiert nicht: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="68"/>
        <source>the checkpoint is not a file: {}</source>
        <translation>der Checkpoint ist keine Datei: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="70"/>
        <source>the checkpoint file cannot be read: {}</source>
        <translation>die Checkpoint-Datei kann nicht gelesen werden: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="73"/>
        <source>{} is the training&apos;s resume file (last epoch + optimizer state, for `train fit` to continue), not a trained checkpoint: use {} instead</source>
        <translation>{} ist die Fortsetzungsdatei des Trainings (letzte Epoche + Optimiererzustand, damit `train fit` weitermachen kann), kein trainierter Checkpoint: verwenden Sie stattdessen {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="58"/>
        <source>choose the RSRefSeg 2 checkpoint file (.pth)</source>
        <translation>RSRefSeg-2-Checkpoint-Datei (.pth) wählen</translation>
    </message>
</context>
<context>
    <name>ModelManager</name>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_manager.py" line="168"/>
        <source>no backend Python configured: set it in the plugin settings (a Python with the rrsis_qgis requirements, e.g. the project&apos;s .venv/bin/python)</source>
        <translation>Kein Backend-Python eingestellt: in den Plugin-Einstellungen setzen (ein Python mit den Abhängigkeiten von rrsis_qgis, z. B. .venv/bin/python des Projekts)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_manager.py" line="188"/>
        <source>`models {}` exited with code {}</source>
        <translation>`models {}` wurde mit Code {} beendet</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_manager.py" line="193"/>
        <source>unexpected answer from `models {}`: {}</source>
        <translation>unerwartete Antwort von `models {}`: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_manager.py" line="246"/>
        <source>cannot start {}: check the backend Python in the settings</source>
        <translation>{} kann nicht gestartet werden: Backend-Python in den Einstellungen prüfen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_manager.py" line="237"/>
        <source>the download exited with code {}</source>
        <translation>der Download wurde mit Code {} beendet</translation>
    </message>
</context>
<context>
    <name>ModelsDialog</name>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="78"/>
        <source>Models folder: {}</source>
        <translation>Modellordner: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="48"/>
        <source>(the default)</source>
        <translation>(Standard)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="57"/>
        <source>computing the sha256 of the checkpoints on disk…</source>
        <translation>berechne die sha256 der Checkpoints auf der Festplatte…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="66"/>
        <source>downloading {}…</source>
        <translation>lade {} herunter…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="101"/>
        <source>no checkpoint on disk to verify</source>
        <translation>kein Checkpoint auf der Festplatte zu prüfen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="103"/>
        <source>{} verified, {} without a pinned sha256, {} wrong</source>
        <translation>{} geprüft, {} ohne festgelegte sha256, {} falsch</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="122"/>
        <source>{} downloaded and its sha256 verified</source>
        <translation>{} heruntergeladen und sha256 geprüft</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="122"/>
        <source>{} downloaded; not verified: the manifest pins no sha256</source>
        <translation>{} heruntergeladen; nicht geprüft: das Manifest legt keine sha256 fest</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="125"/>
        <source>{}: download cancelled; the partial file stays and the next download resumes it</source>
        <translation>{}: Download abgebrochen; die Teildatei bleibt und der nächste Download setzt sie fort</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="129"/>
        <source>{}: download failed: {}</source>
        <translation>{}: Download fehlgeschlagen: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="143"/>
        <source>{}
used by: {}</source>
        <translation>{}
verwendet von: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="162"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="162"/>
        <source>Download again</source>
        <translation>Erneut herunterladen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="162"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="162"/>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="165"/>
        <source>on disk</source>
        <translation>auf der Festplatte</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="183"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="185"/>
        <source>partial ({})</source>
        <translation>teilweise ({})</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="185"/>
        <source>an interrupted download: it resumes</source>
        <translation>ein unterbrochener Download: er wird fortgesetzt</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="186"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="190"/>
        <source>download failed</source>
        <translation>Download fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="191"/>
        <source>not checked (Verify)</source>
        <translation>nicht geprüft (Prüfen)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="191"/>
        <source>verified</source>
        <translation>geprüft</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="192"/>
        <source>not pinned</source>
        <translation>nicht festgelegt</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="192"/>
        <source>wrong</source>
        <translation>falsch</translation>
    </message>
</context>
<context>
    <name>ReviewList</name>
    <message>
        <location filename="../rrsis_qgis/gui/review_list.py" line="27"/>
        <source>RRSIS: accept the selected results</source>
        <translation>RRSIS: gewählte Ergebnisse annehmen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/review_list.py" line="27"/>
        <source>RRSIS: reject the selected results</source>
        <translation>RRSIS: gewählte Ergebnisse ablehnen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/review_list.py" line="27"/>
        <source>RRSIS: zoom to the selected results</source>
        <translation>RRSIS: auf gewählte Ergebnisse zoomen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/review_list.py" line="77"/>
        <source>the selected result is no longer in the results layer (undone or deleted)</source>
        <translation>das gewählte Ergebnis ist nicht mehr im Ergebnislayer (rückgängig gemacht oder gelöscht)</translation>
    </message>
</context>
<context>
    <name>RrsisDock</name>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="31"/>
        <source>RRSIS — find by phrase</source>
        <translation>RRSIS — per Beschreibung finden</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="116"/>
        <source>Export results</source>
        <translation>Ergebnisse exportieren</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="131"/>
        <source>{} feature(s) exported to {}</source>
        <translation>{} Objekt(e) nach {} exportiert</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="132"/>
        <source>Open folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="146"/>
        <source>no raster layer</source>
        <translation>kein Rasterlayer</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="210"/>
        <source>run a phrase first, then add points to refine it</source>
        <translation>zuerst eine Beschreibung ausführen, dann Punkte zum Verfeinern setzen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="236"/>
        <source>Restart</source>
        <translation>Neu starten</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="10"/>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="279"/>
        <source>Restart backend</source>
        <translation>Backend neu starten</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="332"/>
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
        <location filename="../rrsis_qgis/gui/dock.ui" line="47"/>
        <source>Phrase</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="48"/>
        <source>Score</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="49"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="54"/>
        <source>Accept</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="55"/>
        <source>Reject</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="56"/>
        <source>Zoom to</source>
        <translation>Hinzoomen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="61"/>
        <source>Export all (not only accepted)</source>
        <translation>Alle exportieren (nicht nur angenommene)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="62"/>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="138"/>
        <source>{} phrase(s) are longer than {} characters: the Shapefile keeps only their first {}; export to GeoPackage to keep them whole</source>
        <translation>{} Beschreibung(en) sind länger als {} Zeichen: das Shapefile behält nur die ersten {}; für den vollständigen Text als GeoPackage exportieren</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="158"/>
        <source>view ready</source>
        <translation>Ansicht bereit</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="158"/>
        <source>preparing the view…</source>
        <translation>Ansicht wird vorbereitet…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="217"/>
        <source>that point is outside the view of the last query: run the phrase again on this view first</source>
        <translation>dieser Punkt liegt außerhalb der Ansicht der letzten Abfrage: zuerst die Beschreibung in dieser Ansicht erneut ausführen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="234"/>
        <source>Details: View ▸ Panels ▸ Log Messages ▸ rrsis_qgis</source>
        <translation>Details: Ansicht ▸ Bedienfelder ▸ Protokollmeldungen ▸ rrsis_qgis</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="30"/>
        <source>Heatmap</source>
        <translation>Heatmap</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="30"/>
        <source>Show where the phrase matches, as a layer under the results</source>
        <translation>Zeigt, wo die Beschreibung passt, als Layer unter den Ergebnissen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="54"/>
        <source>Accept the selected results (Alt+Shift+A)</source>
        <translation>Gewählte Ergebnisse annehmen (Alt+Shift+A)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="55"/>
        <source>Reject the selected results (Alt+Shift+R)</source>
        <translation>Gewählte Ergebnisse ablehnen (Alt+Shift+R)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="56"/>
        <source>Zoom to the selected results (Alt+Shift+Z)</source>
        <translation>Auf gewählte Ergebnisse zoomen (Alt+Shift+Z)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="289"/>
        <source>Model weights are missing: {} — download them, then press Start</source>
        <translation>Modellgewichte fehlen: {} — herunterladen, dann „Starten“ drücken</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="291"/>
        <source>Download…</source>
        <translation>Herunterladen…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="114"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="114"/>
        <source>Shapefile (*.shp)</source>
        <translation>Shapefile (*.shp)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="38"/>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="38"/>
        <source>Open the plugin settings</source>
        <translation>Die Einstellungen des Plugins öffnen</translation>
    </message>
</context>
<context>
    <name>RrsisModels</name>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="5"/>
        <source>RRSIS models</source>
        <translation>RRSIS-Modelle</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="17"/>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="18"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="19"/>
        <source>On disk</source>
        <translation>Auf der Festplatte</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="20"/>
        <source>Checksum</source>
        <translation>Prüfsumme</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="21"/>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="28"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="28"/>
        <source>Read the models folder again</source>
        <translation>Den Modellordner neu einlesen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="29"/>
        <source>Verify</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="29"/>
        <source>Compute the sha256 of every checkpoint on disk and compare it with the manifest (a few seconds per GB)</source>
        <translation>Die sha256 jedes Checkpoints auf der Festplatte berechnen und mit dem Manifest vergleichen (einige Sekunden pro GB)</translation>
    </message>
</context>
<context>
    <name>RrsisPlugin</name>
    <message>
        <location filename="../rrsis_qgis/plugin.py" line="27"/>
        <source>RRSIS — find by phrase</source>
        <translation>RRSIS — per Beschreibung finden</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/plugin.py" line="29"/>
        <source>Find the object a phrase describes and get its outline as polygons</source>
        <translation>Das beschriebene Objekt finden und seinen Umriss als Polygone erhalten</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/plugin.py" line="101"/>
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
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="28"/>
        <source>default: ~/.cache/rrsis_qgis/models</source>
        <translation>Standard: ~/.cache/rrsis_qgis/models</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="38"/>
        <source>View and results</source>
        <translation>Ansicht und Ergebnisse</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="40"/>
        <source>Longest side (px)</source>
        <translation>Längste Seite (px)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="42"/>
        <source>Bands for R,G,B</source>
        <translation>Bänder für R,G,B</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="43"/>
        <source>automatic (1,2,3; one band → gray)</source>
        <translation>automatisch (1,2,3; ein Band → grau)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="44"/>
        <source>Results CRS</source>
        <translation>KBS der Ergebnisse</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="46"/>
        <source>Results GeoPackage</source>
        <translation>Ergebnis-GeoPackage</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="48"/>
        <source>Keep results in a temporary (memory) layer</source>
        <translation>Ergebnisse in einem temporären Layer (Speicher) halten</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="49"/>
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
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="51"/>
        <source>Prepare the view</source>
        <translation>Ansicht vorbereiten</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="52"/>
        <source>Encode the visible view once the map is still (the next phrase is answered faster)</source>
        <translation>Die sichtbare Ansicht kodieren, sobald die Karte ruht (die nächste Beschreibung wird schneller beantwortet)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="52"/>
        <source>Off on a laptop running on battery (Linux). Web layers are encoded when queried.</source>
        <translation>Aus bei Akkubetrieb eines Laptops (Linux). Web-Layer werden bei der Abfrage kodiert.</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="53"/>
        <source>… after the map is still for</source>
        <translation>… nachdem die Karte ruht für</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="54"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="29"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="29"/>
        <source>Choose the models folder</source>
        <translation>Modellordner wählen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="30"/>
        <source>Models…</source>
        <translation>Modelle…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="30"/>
        <source>The checkpoints in this folder: download, cancel, verify</source>
        <translation>Die Checkpoints in diesem Ordner: herunterladen, abbrechen, prüfen</translation>
    </message>
</context>
<context>
    <name>SegmentByPhrase</name>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="56"/>
        <source>Segment by phrase</source>
        <translation>Per Beschreibung segmentieren</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="66"/>
        <source>Raster layer</source>
        <translation>Rasterlayer</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="67"/>
        <source>Phrase</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="69"/>
        <source>Extent (default: the whole raster)</source>
        <translation>Ausdehnung (Standard: das ganze Raster)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="71"/>
        <source>Target GSD, m/px (0 = the raster&apos;s)</source>
        <translation>Ziel-GSD, m/px (0 = die des Rasters)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="73"/>
        <source>Tile size, px</source>
        <translation>Kachelgröße, px</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="75"/>
        <source>Tile overlap, px</source>
        <translation>Kachelüberlappung, px</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="77"/>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="77"/>
        <source>single: the one referred object</source>
        <translation>einzeln: das eine beschriebene Objekt</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="77"/>
        <source>all: every instance</source>
        <translation>alle: jedes Vorkommen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="80"/>
        <source>Score threshold</source>
        <translation>Schwellwert der Bewertung</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="82"/>
        <source>Backend URL (empty: the panel&apos;s)</source>
        <translation>Backend-URL (leer: die des Bedienfelds)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="84"/>
        <source>Backend token file</source>
        <translation>Token-Datei des Backends</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="86"/>
        <source>Segments</source>
        <translation>Segmente</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="133"/>
        <source>the input must be a raster file that GDAL reads (web layers are not tiled; use the panel for them)</source>
        <translation>die Eingabe muss eine von GDAL lesbare Rasterdatei sein (Web-Layer werden nicht gekachelt; dafür das Bedienfeld verwenden)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="27"/>
        <source>Finds what a phrase describes in a whole raster and writes its outlines as polygons (in the raster's CRS, with the fields of the RRSIS results layer).

The raster (or the extent) is read in tiles through GDAL windows at the target GSD — never whole —, each tile goes to the RRSIS backend, and objects cut by tile borders are joined across the overlap.

&lt;b&gt;Mode&lt;/b&gt; &lt;i&gt;single&lt;/i&gt;: the one object the phrase refers to; positions, relations and superlatives (&quot;the largest tank&quot;, &quot;the building in the top-left corner&quot;) are judged over the whole area on a coarse overview, then the object is cut at the target GSD in the tiles under it. &lt;i&gt;all&lt;/i&gt;: every instance the phrase names, each tile searched.

&lt;b&gt;Backend&lt;/b&gt;: empty URL = the backend the RRSIS panel started (or the one set in its settings); otherwise the URL of a running &lt;tt&gt;python -m rrsis_qgis.server&lt;/tt&gt; and its token file.</source>
        <translation>Findet in einem ganzen Raster, was eine Beschreibung nennt, und schreibt die Umrisse als Polygone (im KBS des Rasters, mit den Feldern des RRSIS-Ergebnislayers).

Das Raster (oder die Ausdehnung) wird in Kacheln über GDAL-Fenster mit der Ziel-GSD gelesen — nie als Ganzes —, jede Kachel geht an das RRSIS-Backend, und Objekte, die Kachelgrenzen schneiden, werden über die Überlappung zusammengefügt.

&lt;b&gt;Modus&lt;/b&gt; &lt;i&gt;single&lt;/i&gt;: das eine Objekt, auf das sich die Beschreibung bezieht; Lagen, Beziehungen und Superlative („der größte Tank“, „das Gebäude in der oberen linken Ecke“) werden über das ganze Gebiet auf einer groben Übersicht beurteilt, dann wird das Objekt mit der Ziel-GSD in den Kacheln darunter ausgeschnitten. &lt;i&gt;all&lt;/i&gt;: jede Instanz, die die Beschreibung nennt, in jeder Kachel gesucht.

&lt;b&gt;Backend&lt;/b&gt;: leere URL = das Backend, das das RRSIS-Bedienfeld gestartet hat (oder das in seinen Einstellungen); sonst die URL eines laufenden &lt;tt&gt;python -m rrsis_qgis.server&lt;/tt&gt; und seine Token-Datei.</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="95"/>
        <source>{}, mode {}, backend {}</source>
        <translation>{}, Modus {}, Backend {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="120"/>
        <source>Cancelled: nothing was written.</source>
        <translation>Abgebrochen: es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="125"/>
        <source>{} object(s); {} request(s) in {:.1f} s</source>
        <translation>{} Objekt(e); {} Anfrage(n) in {:.1f} s</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="145"/>
        <source>The target GSD {:.3g} m/px is finer than the raster&apos;s {:.3g} m/px: the raster&apos;s own GSD is used (tiles are never upsampled).</source>
        <translation>Die Ziel-GSD {:.3g} m/px ist feiner als die des Rasters ({:.3g} m/px): die GSD des Rasters wird verwendet (Kacheln werden nie hochgerechnet).</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="111"/>
        <source>a query is already running: wait for it or cancel it</source>
        <translation>eine Abfrage läuft bereits: abwarten oder abbrechen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="108"/>
        <source>run a phrase first, then add points to refine it</source>
        <translation>zuerst eine Beschreibung ausführen, dann Punkte zum Verfeinern setzen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="167"/>
        <source>there are no results to export yet</source>
        <translation>es gibt noch keine Ergebnisse zum Exportieren</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="211"/>
        <source>query cancelled</source>
        <translation>Abfrage abgebrochen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="214"/>
        <source>nothing found for “{}” in this view</source>
        <translation>nichts gefunden für „{}“ in dieser Ansicht</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="241"/>
        <source>RRSIS: {}</source>
        <translation>RRSIS: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="230"/>
        <source>could not show the heatmap/candidates: {}</source>
        <translation>Heatmap/Kandidaten konnten nicht angezeigt werden: {}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="31"/>
        <source>the project CRS</source>
        <translation>das Projekt-KBS</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="26"/>
        <source>Trained checkpoint…</source>
        <translation>Trainierter Checkpoint…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="28"/>
        <source>Checkpoints (*.pt *.pth)</source>
        <translation>Checkpoints (*.pt *.pth)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="29"/>
        <source>Choose a trained checkpoint</source>
        <translation>Trainierten Checkpoint auswählen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="30"/>
        <source>the raster layer&apos;s CRS (one results layer per CRS)</source>
        <translation>das KBS des Rasterlayers (ein Ergebnislayer je KBS)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="79"/>
        <source>Choose the models folder</source>
        <translation>Modellordner wählen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="33"/>
        <source>beside the project: &lt;project&gt;_rrsis_results.gpkg (unsaved: {})</source>
        <translation>neben dem Projekt: &lt;Projekt&gt;_rrsis_results.gpkg (nicht gespeichert: {})</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="27"/>
        <source>RSRefSeg 2 release file (.pth)…</source>
        <translation>Veröffentlichte RSRefSeg-2-Datei (.pth)…</translation>
    </message>
</context>
</TS>
