<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>@default</name>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/diagnose.py" line="70"/>
        <source>{} was not made by the installer: not removed</source>
        <translation>{} wurde nicht vom Installer angelegt: nicht entfernt</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/torch_choice.py" line="50"/>
        <source>torch 2.14 publishes no build for Intel Macs (macOS x86-64): use a backend on another machine (Settings → Backend → running backend URL)</source>
        <translation>torch 2.14 bietet keinen Build für Intel-Macs (macOS x86-64) an: verwenden Sie ein Backend auf einem anderen Rechner (Einstellungen → Backend → URL eines laufenden Backends)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/torch_choice.py" line="53"/>
        <source>Apple silicon: PyPI&apos;s torch (Metal/MPS GPU)</source>
        <translation>Apple Silicon: torch von PyPI (Metal/MPS-GPU)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/torch_choice.py" line="57"/>
        <source>CPU build (chosen in the installer)</source>
        <translation>CPU-Build (im Installer gewählt)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/torch_choice.py" line="60"/>
        <source>PyPI&apos;s default torch build (chosen in the installer)</source>
        <translation>Standard-Build von torch auf PyPI (im Installer gewählt)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/torch_choice.py" line="64"/>
        <source>CUDA {} build (chosen in the installer)</source>
        <translation>CUDA-{}-Build (im Installer gewählt)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/torch_choice.py" line="68"/>
        <source>no NVIDIA driver found: CPU build</source>
        <translation>kein NVIDIA-Treiber gefunden: CPU-Build</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/torch_choice.py" line="70"/>
        <source>NVIDIA driver {} on {} {}: PyPI&apos;s default torch build</source>
        <translation>NVIDIA-Treiber {} unter {} {}: Standard-Build von torch auf PyPI</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/torch_choice.py" line="74"/>
        <source>NVIDIA driver {}: CUDA {} build</source>
        <translation>NVIDIA-Treiber {}: CUDA-{}-Build</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/torch_choice.py" line="78"/>
        <source>GPU found but torch cannot use it: driver {} is older than CUDA 12.6 needs ({}) — installed the CPU build; update the NVIDIA driver and press Repair</source>
        <translation>GPU gefunden, aber torch kann sie nicht nutzen: Treiber {} ist älter, als CUDA 12.6 benötigt ({}) — der CPU-Build wurde installiert; aktualisieren Sie den NVIDIA-Treiber und drücken Sie Reparieren</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/explain.py" line="9"/>
        <source>The disk is full: free some space (the backend needs a few GB) and press Install again; it resumes.</source>
        <translation>Der Datenträger ist voll: geben Sie Speicherplatz frei (das Backend benötigt einige GB) und drücken Sie erneut Installieren; die Installation wird fortgesetzt.</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/explain.py" line="9"/>
        <source>A secure connection to the package index failed (certificate): if your network inspects HTTPS, add its certificate to the system store or set the proxy in QGIS (Settings → Options → Network).</source>
        <translation>Eine sichere Verbindung zum Paketindex ist fehlgeschlagen (Zertifikat): wenn Ihr Netzwerk HTTPS prüft, fügen Sie dessen Zertifikat dem Zertifikatsspeicher des Systems hinzu oder stellen Sie den Proxy in QGIS ein (Einstellungen → Optionen → Netzwerk).</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/explain.py" line="9"/>
        <source>The proxy refused the connection: check the proxy in QGIS (Settings → Options → Network).</source>
        <translation>Der Proxy hat die Verbindung abgelehnt: prüfen Sie den Proxy in QGIS (Einstellungen → Optionen → Netzwerk).</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/explain.py" line="9"/>
        <source>No connection to the package index: check the network or the proxy in QGIS (Settings → Options → Network), or install from a folder of wheels made on another machine.</source>
        <translation>Keine Verbindung zum Paketindex: prüfen Sie das Netzwerk oder den Proxy in QGIS (Einstellungen → Optionen → Netzwerk) oder installieren Sie aus einem Ordner mit Wheels, die auf einem anderen Rechner erstellt wurden.</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/explain.py" line="9"/>
        <source>The environment folder cannot be written: choose another folder or check its permissions.</source>
        <translation>In den Umgebungsordner kann nicht geschrieben werden: wählen Sie einen anderen Ordner oder prüfen Sie seine Zugriffsrechte.</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/explain.py" line="9"/>
        <source>A downloaded package is damaged: press Repair to download it again.</source>
        <translation>Ein heruntergeladenes Paket ist beschädigt: drücken Sie Reparieren, um es erneut herunterzuladen.</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/explain.py" line="9"/>
        <source>The wheel folder lacks a package the backend needs (the detail names it): make the folder again with the command in the README.</source>
        <translation>Im Wheel-Ordner fehlt ein Paket, das das Backend benötigt (die Details nennen es): erstellen Sie den Ordner mit dem Befehl aus der README neu.</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/explain.py" line="9"/>
        <source>The package index has no build of a pinned package for this computer (the detail names it).</source>
        <translation>Der Paketindex hat für diesen Rechner keinen Build eines festgelegten Pakets (die Details nennen es).</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/explain.py" line="41"/>
        <source>The step “{}” failed (exit code {}).</source>
        <translation>Der Schritt „{}“ ist fehlgeschlagen (Exit-Code {}).</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/env_check.py" line="22"/>
        <source>the backend environment {} is not completely installed: open Settings → Install… and press Install (it resumes) or Repair</source>
        <translation>die Backend-Umgebung {} ist nicht vollständig installiert: öffnen Sie Einstellungen → Installieren… und drücken Sie Installieren (die Installation wird fortgesetzt) oder Reparieren</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/step_actions.py" line="54"/>
        <source>No connection</source>
        <translation>Keine Verbindung</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/step_actions.py" line="55"/>
        <source>The PyTorch index {} cannot be reached (PyPI can): allow that address, or choose “PyPI's default build” as the torch build.
{}</source>
        <translation>Der PyTorch-Index {} ist nicht erreichbar (PyPI schon): geben Sie diese Adresse frei oder wählen Sie „Standard-Build von PyPI“ als torch-Build.
{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/step_actions.py" line="83"/>
        <source>The self-test printed no result: {}</source>
        <translation>Der Selbsttest hat kein Ergebnis ausgegeben: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/step_actions.py" line="85"/>
        <source>The self-test failed: {}</source>
        <translation>Der Selbsttest ist fehlgeschlagen: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/commands.py" line="72"/>
        <source>Cannot run {}: {}</source>
        <translation>{} kann nicht ausgeführt werden: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/steps.py" line="113"/>
        <source>Cannot write to {} ({}): choose another folder for the backend environment.</source>
        <translation>In {} kann nicht geschrieben werden ({}): wählen Sie einen anderen Ordner für die Backend-Umgebung.</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/disk.py" line="23"/>
        <source>Not enough disk space in {}: {:.1f} GB free, the backend needs about {:.0f} GB. Free some space or choose another folder.</source>
        <translation>Nicht genügend Speicherplatz in {}: {:.1f} GB frei, das Backend benötigt etwa {:.0f} GB. Geben Sie Speicherplatz frei oder wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/uv_wheel.py" line="33"/>
        <source>uv publishes no build for {} {}</source>
        <translation>uv bietet keinen Build für {} {} an</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/uv_wheel.py" line="42"/>
        <source>the package index sent an unexpected answer for uv ({})</source>
        <translation>der Paketindex hat für uv eine unerwartete Antwort gesendet ({})</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/uv_wheel.py" line="47"/>
        <source>no uv {} wheel for {} on the package index</source>
        <translation>kein uv-{}-Wheel für {} im Paketindex</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/uv_wheel.py" line="54"/>
        <source>the folder {} has no uv {} wheel for {} (uv-{}-…{}….whl)</source>
        <translation>der Ordner {} enthält kein uv-{}-Wheel für {} (uv-{}-…{}….whl)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/uv_wheel.py" line="62"/>
        <source>the downloaded uv wheel is damaged (sha256 mismatch): press Repair to download it again</source>
        <translation>das heruntergeladene uv-Wheel ist beschädigt (sha256 stimmt nicht überein): drücken Sie Reparieren, um es erneut herunterzuladen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/uv_wheel.py" line="67"/>
        <source>the uv wheel has no uv program in it</source>
        <translation>das uv-Wheel enthält kein uv-Programm</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/uv_wheel.py" line="70"/>
        <source>the uv wheel is damaged ({}): press Repair to download it again</source>
        <translation>das uv-Wheel ist beschädigt ({}): drücken Sie Reparieren, um es erneut herunterzuladen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/cluster_cli.py" line="61"/>
        <source>cannot start the backend&apos;s Python {}: {}</source>
        <translation>das Python des Backends {} lässt sich nicht starten: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/cluster_cli.py" line="78"/>
        <source>the cluster run stopped (exit code {})</source>
        <translation>der Cluster-Lauf wurde beendet (Exit-Code {})</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/messages.py" line="18"/>
        <source>No backend installed yet: open Settings… and press Install… (it sets up the backend's own Python in the QGIS profile, a few minutes), or set the backend Python of a `make setup` checkout.</source>
        <translation>Noch kein Backend installiert: Einstellungen… öffnen und Installieren… drücken (richtet in wenigen Minuten ein eigenes Python des Backends im QGIS-Profil ein) oder das Backend-Python eines Checkouts mit `make setup` festlegen.</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/messages.py" line="21"/>
        <source>The backend Python {} does not exist (moved or removed?): open Settings… and press Install… to set up the backend again, or choose another Python.</source>
        <translation>Das Backend-Python {} existiert nicht (verschoben oder entfernt?): Einstellungen… öffnen und Installieren… drücken, um das Backend neu einzurichten, oder ein anderes Python wählen.</translation>
    </message>
</context>
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
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="136"/>
        <source>loading the model…</source>
        <translation>Modell wird geladen…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="152"/>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="188"/>
        <source>cannot read the token file: {}</source>
        <translation>Token-Datei kann nicht gelesen werden: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="239"/>
        <source>cannot read the backend&apos;s token: {}</source>
        <translation>Token des Backends kann nicht gelesen werden: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="259"/>
        <source>the backend exited (code {}) {}</source>
        <translation>das Backend wurde beendet (Code {}) {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="263"/>
        <source>cannot start {}: check the backend Python in the settings</source>
        <translation>{} kann nicht gestartet werden: Backend-Python in den Einstellungen prüfen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="122"/>
        <source>{} — choose the checkpoint in the plugin settings</source>
        <translation>{} — Checkpoint in den Plugin-Einstellungen auswählen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="197"/>
        <source>connecting to {}…</source>
        <translation>verbinde mit {}…</translation>
    </message>
</context>
<context>
    <name>Extent</name>
    <message>
        <location filename="../rrsis_qgis/qgis_core/extent.py" line="61"/>
        <source>the map view does not show any part of {}: pan or zoom to it</source>
        <translation>die Kartenansicht zeigt keinen Teil von {}: verschieben oder zoomen Sie dorthin</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/extent.py" line="75"/>
        <source>choose a raster layer first</source>
        <translation>wählen Sie zuerst einen Rasterlayer</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/extent.py" line="77"/>
        <source>{} has no coordinate reference system, so polygons could not be placed on the map. Assign one first (Layer Properties → Source → Assigned coordinate reference system).</source>
        <translation>{} hat kein Koordinatenbezugssystem, daher könnten Polygone nicht auf der Karte platziert werden. Weisen Sie zuerst eines zu (Layereigenschaften → Quelle → Zugewiesenes Koordinatenbezugssystem).</translation>
    </message>
</context>
<context>
    <name>IdleEncoder</name>
    <message>
        <location filename="../rrsis_qgis/qgis_core/idle_encoder.py" line="132"/>
        <source>preparing the view ahead of a query failed: {}</source>
        <translation>das Vorbereiten der Ansicht vor einer Abfrage ist fehlgeschlagen: {}</translation>
    </message>
</context>
<context>
    <name>InstallerDialog</name>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="36"/>
        <source>Get uv (the installer&apos;s tool)</source>
        <translation>uv holen (das Werkzeug des Installers)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="36"/>
        <source>Make the Python environment</source>
        <translation>Python-Umgebung erstellen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="37"/>
        <source>Install torch</source>
        <translation>torch installieren</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="37"/>
        <source>Install the backend&apos;s packages</source>
        <translation>Pakete des Backends installieren</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="38"/>
        <source>Install SAM 2</source>
        <translation>SAM 2 installieren</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="38"/>
        <source>Self-test</source>
        <translation>Selbsttest</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="44"/>
        <source>automatic (for this computer)</source>
        <translation>automatisch (für diesen Rechner)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="45"/>
        <source>CPU only</source>
        <translation>nur CPU</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="45"/>
        <source>PyPI&apos;s default build</source>
        <translation>Standard-Build von PyPI</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="47"/>
        <source>CUDA build {}</source>
        <translation>CUDA-Build {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="76"/>
        <source>Choose the folder of wheels to install from.</source>
        <translation>Wählen Sie den Ordner mit den Wheels, aus dem installiert werden soll.</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="95"/>
        <source>Installing into {} ({})…</source>
        <translation>Installation in {} ({})…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="101"/>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="119"/>
        <source>The report is on the clipboard.</source>
        <translation>Der Bericht liegt in der Zwischenablage.</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="125"/>
        <source>Remove the backend environment</source>
        <translation>Backend-Umgebung entfernen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="125"/>
        <source>Delete {} and everything in it?</source>
        <translation>{} mit dem gesamten Inhalt löschen?</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="132"/>
        <source>Could not remove {}: {}</source>
        <translation>{} konnte nicht entfernt werden: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="135"/>
        <source>Removed {}.</source>
        <translation>{} entfernt.</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="152"/>
        <source> (already done)</source>
        <translation> (bereits erledigt)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="187"/>
        <source>Installed. Self-test: {}</source>
        <translation>Installiert. Selbsttest: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="167"/>
        <source>Cancelled. Press Install to resume where it stopped.</source>
        <translation>Abgebrochen. Drücken Sie Installieren, um an der Stelle fortzusetzen, an der die Installation angehalten hat.</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="180"/>
        <source>NVIDIA GPU: {} (driver {})</source>
        <translation>NVIDIA-GPU: {} (Treiber {})</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="180"/>
        <source>no NVIDIA GPU found</source>
        <translation>keine NVIDIA-GPU gefunden</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="190"/>
        <source>Not completely installed: {}</source>
        <translation>Nicht vollständig installiert: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="192"/>
        <source>Not completely installed: press Install to resume.</source>
        <translation>Nicht vollständig installiert: drücken Sie Installieren, um fortzusetzen.</translation>
    </message>
</context>
<context>
    <name>ModelChoice</name>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="67"/>
        <source>choose the trained checkpoint file (.pt)</source>
        <translation>die trainierte Checkpoint-Datei (.pt) auswählen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="71"/>
        <source>the checkpoint path must be a full path: {}</source>
        <translation>der Checkpoint-Pfad muss ein vollständiger Pfad sein: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="73"/>
        <source>the checkpoint file does not exist: {}</source>
        <translation>die Checkpoint-Datei existiert nicht: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="79"/>
        <source>the checkpoint is not a file: {}</source>
        <translation>der Checkpoint ist keine Datei: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="81"/>
        <source>the checkpoint file cannot be read: {}</source>
        <translation>die Checkpoint-Datei kann nicht gelesen werden: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="84"/>
        <source>{} is the training&apos;s resume file (last epoch + optimizer state, for `train fit` to continue), not a trained checkpoint: use {} instead</source>
        <translation>{} ist die Fortsetzungsdatei des Trainings (letzte Epoche + Optimiererzustand, damit `train fit` weitermachen kann), kein trainierter Checkpoint: verwenden Sie stattdessen {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="67"/>
        <source>choose the RSRefSeg 2 checkpoint file (.pth)</source>
        <translation>RSRefSeg-2-Checkpoint-Datei (.pth) wählen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_folders.py" line="26"/>
        <source>choose the RS2-SAM 2 release folder</source>
        <translation>wählen Sie den Ordner des RS2-SAM-2-Release</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_folders.py" line="26"/>
        <source>{} is not an RS2-SAM 2 release folder (it has no config.json)</source>
        <translation>{} ist kein RS2-SAM-2-Release-Ordner (er enthält keine config.json)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_folders.py" line="26"/>
        <source>{} describes a &quot;{}&quot; model: an RS2-SAM 2 release has model_type &quot;evf&quot;</source>
        <translation>{} beschreibt ein Modell vom Typ &quot;{}&quot;: ein RS2-SAM-2-Release hat den model_type &quot;evf&quot;</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_folders.py" line="31"/>
        <source>choose the SAM 3 folder</source>
        <translation>wählen Sie den SAM-3-Ordner</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_folders.py" line="31"/>
        <source>{} is not a SAM 3 folder (it has no config.json)</source>
        <translation>{} ist kein SAM-3-Ordner (er enthält keine config.json)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_folders.py" line="31"/>
        <source>{} describes a &quot;{}&quot; model: a SAM 3 folder has model_type &quot;sam3&quot; or &quot;sam3_video&quot;</source>
        <translation>{} beschreibt ein Modell vom Typ &quot;{}&quot;: ein SAM-3-Ordner hat den model_type &quot;sam3&quot; oder &quot;sam3_video&quot;</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_folders.py" line="31"/>
        <source>{} has no weights (model.safetensors or pytorch_model.bin)</source>
        <translation>{} enthält keine Gewichte (model.safetensors oder pytorch_model.bin)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_folders.py" line="31"/>
        <source>{} has no processor_config.json (SAM 3&apos;s image processor settings): download the folder again</source>
        <translation>{} enthält keine processor_config.json (die Einstellungen von SAM 3 für die Bildvorverarbeitung): laden Sie den Ordner erneut herunter</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_folders.py" line="31"/>
        <source>{} has no tokenizer (tokenizer.json, or vocab.json with merges.txt): download the folder again</source>
        <translation>{} enthält keinen Tokenizer (tokenizer.json oder vocab.json mit merges.txt): laden Sie den Ordner erneut herunter</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_folders.py" line="61"/>
        <source>{} is not readable JSON ({})</source>
        <translation>{} ist kein lesbares JSON ({})</translation>
    </message>
</context>
<context>
    <name>ModelManager</name>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_manager.py" line="198"/>
        <source>`models {}` exited with code {}</source>
        <translation>`models {}` wurde mit Code {} beendet</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_manager.py" line="203"/>
        <source>unexpected answer from `models {}`: {}</source>
        <translation>unerwartete Antwort von `models {}`: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_manager.py" line="256"/>
        <source>cannot start {}: check the backend Python in the settings</source>
        <translation>{} kann nicht gestartet werden: Backend-Python in den Einstellungen prüfen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_manager.py" line="247"/>
        <source>the download exited with code {}</source>
        <translation>der Download wurde mit Code {} beendet</translation>
    </message>
</context>
<context>
    <name>ModelsDialog</name>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="148"/>
        <source>Models folder: {}</source>
        <translation>Modellordner: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="62"/>
        <source>(the default)</source>
        <translation>(Standard)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="71"/>
        <source>computing the sha256 of the checkpoints on disk…</source>
        <translation>berechne die sha256 der Checkpoints auf der Festplatte…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="85"/>
        <source>downloading {}…</source>
        <translation>lade {} herunter…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="181"/>
        <source>no checkpoint on disk to verify</source>
        <translation>kein Checkpoint auf der Festplatte zu prüfen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="183"/>
        <source>{} verified, {} without a pinned sha256, {} wrong</source>
        <translation>{} geprüft, {} ohne festgelegte sha256, {} falsch</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="202"/>
        <source>{} downloaded and its sha256 verified</source>
        <translation>{} heruntergeladen und sha256 geprüft</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="202"/>
        <source>{} downloaded; not verified: the manifest pins no sha256</source>
        <translation>{} heruntergeladen; nicht geprüft: das Manifest legt keine sha256 fest</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="205"/>
        <source>{}: download cancelled; the partial file stays and the next download resumes it</source>
        <translation>{}: Download abgebrochen; die Teildatei bleibt und der nächste Download setzt sie fort</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="209"/>
        <source>{}: download failed: {}</source>
        <translation>{}: Download fehlgeschlagen: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="241"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="241"/>
        <source>Download again</source>
        <translation>Erneut herunterladen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="241"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="241"/>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="244"/>
        <source>on disk</source>
        <translation>auf der Festplatte</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="273"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="275"/>
        <source>partial ({})</source>
        <translation>teilweise ({})</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="275"/>
        <source>an interrupted download: it resumes</source>
        <translation>ein unterbrochener Download: er wird fortgesetzt</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="276"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="280"/>
        <source>download failed</source>
        <translation>Download fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="281"/>
        <source>not checked (Verify)</source>
        <translation>nicht geprüft (Prüfen)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="281"/>
        <source>verified</source>
        <translation>geprüft</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="282"/>
        <source>not pinned</source>
        <translation>nicht festgelegt</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="282"/>
        <source>wrong</source>
        <translation>falsch</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="116"/>
        <source>Licence of {}</source>
        <translation>Lizenz von {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="116"/>
        <source>These files come under a licence that restricts their use: {}. Read it; downloading means accepting it.</source>
        <translation>Diese Dateien stehen unter einer Lizenz, die ihre Nutzung einschränkt: {}. Bitte lesen; mit dem Herunterladen wird sie akzeptiert.</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="127"/>
        <source>Accept and download</source>
        <translation>Akzeptieren und herunterladen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="140"/>
        <source>{}: the licence was not accepted; nothing was downloaded</source>
        <translation>{}: Lizenz nicht akzeptiert; nichts wurde heruntergeladen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="263"/>
        <source>used by: {}</source>
        <translation>verwendet von: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="265"/>
        <source>licence: {}</source>
        <translation>Lizenz: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="267"/>
        <source>gated: request access on {}, then enter an access token below (or set HF_TOKEN)</source>
        <translation>zugangsbeschränkt: Zugang auf {} beantragen, dann unten ein Zugangstoken eingeben (oder HF_TOKEN setzen)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="94"/>
        <source>{}: every file it needs is on disk or downloading</source>
        <translation>{}: jede Datei, die es braucht, liegt schon vor oder wird heruntergeladen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="100"/>
        <source>{}: downloading {} files…</source>
        <translation>{}: lade {} Dateien herunter…</translation>
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
        <location filename="../rrsis_qgis/gui/dock.py" line="33"/>
        <source>RRSIS — find by phrase</source>
        <translation>RRSIS — per Beschreibung finden</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="131"/>
        <source>Export results</source>
        <translation>Ergebnisse exportieren</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="146"/>
        <source>{} feature(s) exported to {}</source>
        <translation>{} Objekt(e) nach {} exportiert</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="147"/>
        <source>Open folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="161"/>
        <source>no raster layer</source>
        <translation>kein Rasterlayer</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="235"/>
        <source>run a phrase first, then add points to refine it</source>
        <translation>zuerst eine Beschreibung ausführen, dann Punkte zum Verfeinern setzen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="265"/>
        <source>Restart</source>
        <translation>Neu starten</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="10"/>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="312"/>
        <source>Restart backend</source>
        <translation>Backend neu starten</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="365"/>
        <source>e.g. the white storage tank left of the road</source>
        <translation>z. B. the white storage tank left of the road</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="7"/>
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
        <location filename="../rrsis_qgis/gui/dock.py" line="153"/>
        <source>{} phrase(s) are longer than {} characters: the Shapefile keeps only their first {}; export to GeoPackage to keep them whole</source>
        <translation>{} Beschreibung(en) sind länger als {} Zeichen: das Shapefile behält nur die ersten {}; für den vollständigen Text als GeoPackage exportieren</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="175"/>
        <source>view ready</source>
        <translation>Ansicht bereit</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="175"/>
        <source>preparing the view…</source>
        <translation>Ansicht wird vorbereitet…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="242"/>
        <source>that point is outside the view of the last query: run the phrase again on this view first</source>
        <translation>dieser Punkt liegt außerhalb der Ansicht der letzten Abfrage: zuerst die Beschreibung in dieser Ansicht erneut ausführen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="263"/>
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
        <location filename="../rrsis_qgis/gui/dock.py" line="322"/>
        <source>Model weights are missing: {} — download them, then press Start</source>
        <translation>Modellgewichte fehlen: {} — herunterladen, dann „Starten“ drücken</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="324"/>
        <source>Download…</source>
        <translation>Herunterladen…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="129"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="129"/>
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
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="262"/>
        <source>Self-test: {}</source>
        <translation>Selbsttest: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="184"/>
        <source>{crs} · {gsd} m/px (ground)</source>
        <translation>{crs} · {gsd} m/px (am Boden)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="184"/>
        <source>custom CRS</source>
        <translation>benutzerdefiniertes KBS</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="186"/>
        <source>{width}×{height} px</source>
        <translation>{width}×{height} px</translation>
    </message>
</context>
<context>
    <name>RrsisInstaller</name>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.ui" line="5"/>
        <source>Install the RRSIS backend</source>
        <translation>RRSIS-Backend installieren</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.ui" line="10"/>
        <source>Environment folder</source>
        <translation>Umgebungsordner</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.ui" line="11"/>
        <source>A private Python environment for the backend (torch, SAM 2, …); a few GB. Remove deletes this folder.</source>
        <translation>Eine eigene Python-Umgebung für das Backend (torch, SAM 2, …); einige GB. Entfernen löscht diesen Ordner.</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.ui" line="12"/>
        <source>torch build</source>
        <translation>torch-Build</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.ui" line="15"/>
        <source>Install from a folder</source>
        <translation>Aus einem Ordner installieren</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.ui" line="15"/>
        <source>Offline: every package from a folder of wheels made on another machine (see the README); nothing is downloaded</source>
        <translation>Offline: alle Pakete aus einem Ordner mit Wheels, die auf einem anderen Rechner erstellt wurden (siehe README); es wird nichts heruntergeladen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.ui" line="25"/>
        <source>Install</source>
        <translation>Installieren</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.ui" line="26"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.ui" line="27"/>
        <source>Repair</source>
        <translation>Reparieren</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.ui" line="27"/>
        <source>Download and install the packages again (a damaged download, a broken environment)</source>
        <translation>Die Pakete erneut herunterladen und installieren (bei einem beschädigten Download oder einer defekten Umgebung)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.ui" line="28"/>
        <source>Diagnose</source>
        <translation>Diagnose</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.ui" line="29"/>
        <source>Copy report</source>
        <translation>Bericht kopieren</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.ui" line="30"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.ui" line="30"/>
        <source>Delete the environment folder (nothing is left behind)</source>
        <translation>Den Umgebungsordner löschen (es bleibt nichts zurück)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.ui" line="32"/>
        <source>Close</source>
        <translation>Schließen</translation>
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
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="25"/>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="26"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="27"/>
        <source>On disk</source>
        <translation>Auf der Festplatte</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="28"/>
        <source>Checksum</source>
        <translation>Prüfsumme</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="29"/>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="42"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="42"/>
        <source>Read the models folder again</source>
        <translation>Den Modellordner neu einlesen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="43"/>
        <source>Verify</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="43"/>
        <source>Compute the sha256 of every checkpoint on disk and compare it with the manifest (a few seconds per GB)</source>
        <translation>Die sha256 jedes Checkpoints auf der Festplatte berechnen und mit dem Manifest vergleichen (einige Sekunden pro GB)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="35"/>
        <source>Access token:</source>
        <translation>Zugangstoken:</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="36"/>
        <source>for gated models (SAM 3): a Hugging Face read token; empty: $HF_TOKEN</source>
        <translation>für zugangsbeschränkte Modelle (SAM 3): ein Hugging-Face-Lesetoken; leer: $HF_TOKEN</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="36"/>
        <source>Sent only with the downloads of gated checkpoints (Hugging Face facebook/sam3), only to their own host. Kept only while this window is open, never saved; to keep a token, set HF_TOKEN in the environment QGIS starts in.</source>
        <translation>Wird nur beim Herunterladen zugangsbeschränkter Checkpoints (Hugging Face facebook/sam3) gesendet, nur an deren eigenen Server. Bleibt nur erhalten, solange dieses Fenster offen ist, und wird nie gespeichert; um ein Token dauerhaft zu verwenden, HF_TOKEN in der Umgebung setzen, in der QGIS startet.</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="11"/>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="12"/>
        <source>A model preset (models.json) or a released checkpoint (releases.json); the files it needs are the rows that name it under &quot;used by&quot;</source>
        <translation>Ein Modell-Preset (models.json) oder ein veröffentlichter Checkpoint (releases.json); die Dateien, die es braucht, sind die Zeilen, die es unter „verwendet von“ nennen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="13"/>
        <source>Download model</source>
        <translation>Modell herunterladen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="13"/>
        <source>Download every file the chosen model needs that is not on disk yet</source>
        <translation>Jede Datei herunterladen, die das gewählte Modell braucht und die noch nicht vorliegt</translation>
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
        <location filename="../rrsis_qgis/plugin.py" line="102"/>
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
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="17"/>
        <source>a Python with torch, sam2 and open_clip (e.g. …/.venv/bin/python)</source>
        <translation>ein Python mit torch, sam2 und open_clip (z. B. …/.venv/bin/python)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="24"/>
        <source>Or running backend URL</source>
        <translation>Oder URL eines laufenden Backends</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="25"/>
        <source>http://gpu-box:8765 (leave empty to start one)</source>
        <translation>http://gpu-box:8765 (leer lassen, um eines zu starten)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="26"/>
        <source>Its token file</source>
        <translation>Seine Token-Datei</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="28"/>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="30"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="35"/>
        <source>Models folder</source>
        <translation>Modellordner</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="38"/>
        <source>default: ~/.cache/rrsis_qgis/models</source>
        <translation>Standard: ~/.cache/rrsis_qgis/models</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="48"/>
        <source>View and results</source>
        <translation>Ansicht und Ergebnisse</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="50"/>
        <source>Longest side (px)</source>
        <translation>Längste Seite (px)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="52"/>
        <source>Bands for R,G,B</source>
        <translation>Bänder für R,G,B</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="53"/>
        <source>automatic (1,2,3; one band → gray)</source>
        <translation>automatisch (1,2,3; ein Band → grau)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="54"/>
        <source>Results CRS</source>
        <translation>KBS der Ergebnisse</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="56"/>
        <source>Results GeoPackage</source>
        <translation>Ergebnis-GeoPackage</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="58"/>
        <source>Keep results in a temporary (memory) layer</source>
        <translation>Ergebnisse in einem temporären Layer (Speicher) halten</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="59"/>
        <source>Candidates per query</source>
        <translation>Kandidaten pro Abfrage</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="32"/>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="33"/>
        <source>A model trained with &quot;python -m rrsis_qgis.train fit&quot; (a .pt file)</source>
        <translation>Ein mit „python -m rrsis_qgis.train fit“ trainiertes Modell (eine .pt-Datei)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="61"/>
        <source>Prepare the view</source>
        <translation>Ansicht vorbereiten</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="62"/>
        <source>Encode the visible view once the map is still (the next phrase is answered faster)</source>
        <translation>Die sichtbare Ansicht kodieren, sobald die Karte ruht (die nächste Beschreibung wird schneller beantwortet)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="62"/>
        <source>Off on a laptop running on battery (Linux). Web layers are encoded when queried.</source>
        <translation>Aus bei Akkubetrieb eines Laptops (Linux). Web-Layer werden bei der Abfrage kodiert.</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="63"/>
        <source>… after the map is still for</source>
        <translation>… nachdem die Karte ruht für</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="64"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="39"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="39"/>
        <source>Choose the models folder</source>
        <translation>Modellordner wählen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="40"/>
        <source>Models…</source>
        <translation>Modelle…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="40"/>
        <source>The checkpoints in this folder: download, cancel, verify</source>
        <translation>Die Checkpoints in diesem Ordner: herunterladen, abbrechen, prüfen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="18"/>
        <source>Install…</source>
        <translation>Installieren…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="18"/>
        <source>Install the backend into a private environment (no terminal needed); Diagnose, Repair, Remove</source>
        <translation>Das Backend in eine eigene Umgebung installieren (kein Terminal nötig); Diagnose, Reparieren, Entfernen</translation>
    </message>
</context>
<context>
    <name>SegmentByPhrase</name>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="64"/>
        <source>Segment by phrase</source>
        <translation>Per Beschreibung segmentieren</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="74"/>
        <source>Raster layer</source>
        <translation>Rasterlayer</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="75"/>
        <source>Phrase</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="77"/>
        <source>Extent (default: the whole raster)</source>
        <translation>Ausdehnung (Standard: das ganze Raster)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="79"/>
        <source>Target GSD, m/px (0 = the raster&apos;s)</source>
        <translation>Ziel-GSD, m/px (0 = die des Rasters)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="81"/>
        <source>Tile size, px</source>
        <translation>Kachelgröße, px</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="83"/>
        <source>Tile overlap, px</source>
        <translation>Kachelüberlappung, px</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="85"/>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="85"/>
        <source>single: the one referred object</source>
        <translation>einzeln: das eine beschriebene Objekt</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="85"/>
        <source>all: every instance</source>
        <translation>alle: jedes Vorkommen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="88"/>
        <source>Score threshold</source>
        <translation>Schwellwert der Bewertung</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="90"/>
        <source>Backend URL (empty: the panel&apos;s)</source>
        <translation>Backend-URL (leer: die des Bedienfelds)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="92"/>
        <source>Backend token file</source>
        <translation>Token-Datei des Backends</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="97"/>
        <source>Segments</source>
        <translation>Segmente</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="176"/>
        <source>the input must be a raster file that GDAL reads (web layers are not tiled; use the panel for them)</source>
        <translation>die Eingabe muss eine von GDAL lesbare Rasterdatei sein (Web-Layer werden nicht gekachelt; dafür das Bedienfeld verwenden)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="109"/>
        <source>{}, mode {}, backend {}</source>
        <translation>{}, Modus {}, Backend {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="134"/>
        <source>Cancelled: nothing was written.</source>
        <translation>Abgebrochen: es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="139"/>
        <source>{} object(s); {} request(s) in {:.1f} s</source>
        <translation>{} Objekt(e); {} Anfrage(n) in {:.1f} s</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="188"/>
        <source>The target GSD {:.3g} m/px is finer than the raster&apos;s {:.3g} m/px: the raster&apos;s own GSD is used (tiles are never upsampled).</source>
        <translation>Die Ziel-GSD {:.3g} m/px ist feiner als die des Rasters ({:.3g} m/px): die GSD des Rasters wird verwendet (Kacheln werden nie hochgerechnet).</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="29"/>
        <source>Finds what a phrase describes in a whole raster and writes its outlines as polygons (in the raster's CRS, with the fields of the RRSIS results layer).

The raster (or the extent) is read in tiles through GDAL windows at the target GSD — never whole —, each tile goes to the RRSIS backend, and objects cut by tile borders are joined across the overlap.

&lt;b&gt;Mode&lt;/b&gt; &lt;i&gt;single&lt;/i&gt;: the one object the phrase refers to; positions, relations and superlatives (&quot;the largest tank&quot;, &quot;the building in the top-left corner&quot;) are judged over the whole area on a coarse overview, then the object is cut at the target GSD in the tiles under it. &lt;i&gt;all&lt;/i&gt;: every instance the phrase names, each tile searched.

&lt;b&gt;Backend&lt;/b&gt;: empty URL = the backend the RRSIS panel started (or the one set in its settings); otherwise the URL of a running &lt;tt&gt;python -m rrsis_qgis.server&lt;/tt&gt; and its token file.

&lt;b&gt;Dask cluster&lt;/b&gt;: &lt;tt&gt;local:N&lt;/tt&gt; (N worker processes on this machine) or a scheduler's address (&lt;tt&gt;tcp://HOST:8786&lt;/tt&gt;): the tiles run as Dask tasks, each worker with its own model (the plugin's model and device settings), mode &lt;i&gt;all&lt;/i&gt; only. The backend's Python runs the run; a cancelled run resumes when started again with the same inputs.</source>
        <translation>Findet in einem ganzen Raster, was eine Beschreibung nennt, und schreibt die Umrisse als Polygone (im KBS des Rasters, mit den Feldern des RRSIS-Ergebnislayers).

Das Raster (oder die Ausdehnung) wird in Kacheln über GDAL-Fenster mit der Ziel-GSD gelesen — nie als Ganzes —, jede Kachel geht an das RRSIS-Backend, und Objekte, die Kachelgrenzen schneiden, werden über die Überlappung zusammengefügt.

&lt;b&gt;Modus&lt;/b&gt; &lt;i&gt;single&lt;/i&gt;: das eine Objekt, auf das sich die Beschreibung bezieht; Lagen, Beziehungen und Superlative („der größte Tank“, „das Gebäude in der oberen linken Ecke“) werden über das ganze Gebiet auf einer groben Übersicht beurteilt, dann wird das Objekt mit der Ziel-GSD in den Kacheln darunter ausgeschnitten. &lt;i&gt;all&lt;/i&gt;: jede Instanz, die die Beschreibung nennt, in jeder Kachel gesucht.

&lt;b&gt;Backend&lt;/b&gt;: leere URL = das Backend, das das RRSIS-Bedienfeld gestartet hat (oder das in seinen Einstellungen); sonst die URL eines laufenden &lt;tt&gt;python -m rrsis_qgis.server&lt;/tt&gt; und seine Token-Datei.

&lt;b&gt;Dask-Cluster&lt;/b&gt;: &lt;tt&gt;local:N&lt;/tt&gt; (N Worker-Prozesse auf diesem Rechner) oder die Adresse eines Schedulers (&lt;tt&gt;tcp://HOST:8786&lt;/tt&gt;): die Kacheln laufen als Dask-Aufgaben, jeder Worker mit seinem eigenen Modell (Modell- und Geräteeinstellungen des Plugins), nur im Modus &lt;i&gt;all&lt;/i&gt;. Der Lauf läuft im Python des Backends; ein abgebrochener Lauf setzt fort, wenn er mit denselben Eingaben erneut gestartet wird.</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="94"/>
        <source>Dask cluster address (empty: the tiles go to the backend)</source>
        <translation>Adresse des Dask-Clusters (leer: die Kacheln gehen an das Backend)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="146"/>
        <source>a Dask cluster runs the mode &apos;all: every instance&apos;; the mode &apos;single&apos; reads one overview and a few tiles: leave the cluster address empty for it</source>
        <translation>ein Dask-Cluster führt den Modus „all: jede Instanz“ aus; der Modus „single“ liest eine Übersicht und wenige Kacheln: lassen Sie dafür die Cluster-Adresse leer</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="157"/>
        <source>Dask cluster {}: {}</source>
        <translation>Dask-Cluster {}: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="161"/>
        <source>Cancelled: nothing was written; the finished tiles are kept, and the same run started again resumes from them.</source>
        <translation>Abgebrochen: es wurde nichts geschrieben; die fertigen Kacheln bleiben erhalten, und derselbe Lauf setzt beim erneuten Start dort fort.</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="168"/>
        <source>{} object(s); tiles: {} done, {} retried, {} failed</source>
        <translation>{} Objekt(e); Kacheln: {} fertig, {} wiederholt, {} fehlgeschlagen</translation>
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
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="38"/>
        <source>the project CRS</source>
        <translation>das Projekt-KBS</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="29"/>
        <source>Trained checkpoint…</source>
        <translation>Trainierter Checkpoint…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="35"/>
        <source>Checkpoints (*.pt *.pth)</source>
        <translation>Checkpoints (*.pt *.pth)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="140"/>
        <source>Choose a trained checkpoint</source>
        <translation>Trainierten Checkpoint auswählen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="37"/>
        <source>the raster layer&apos;s CRS (one results layer per CRS)</source>
        <translation>das KBS des Rasterlayers (ein Ergebnislayer je KBS)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="115"/>
        <source>Choose the models folder</source>
        <translation>Modellordner wählen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="40"/>
        <source>beside the project: &lt;project&gt;_rrsis_results.gpkg (unsaved: {})</source>
        <translation>neben dem Projekt: &lt;Projekt&gt;_rrsis_results.gpkg (nicht gespeichert: {})</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="30"/>
        <source>RSRefSeg 2 release file (.pth)…</source>
        <translation>Veröffentlichte RSRefSeg-2-Datei (.pth)…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="108"/>
        <source>Self-test: {}</source>
        <translation>Selbsttest: {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="31"/>
        <source>RS2-SAM 2 release folder…</source>
        <translation>RS2-SAM-2-Release-Ordner…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="33"/>
        <source>Choose the RS2-SAM 2 release folder</source>
        <translation>Den RS2-SAM-2-Release-Ordner wählen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="32"/>
        <source>SAM 3 folder…</source>
        <translation>SAM-3-Ordner…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="34"/>
        <source>Choose the SAM 3 folder</source>
        <translation>Den SAM-3-Ordner wählen</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="142"/>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="142"/>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
</context>
</TS>
