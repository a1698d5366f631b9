<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BackendManager</name>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="70"/>
        <source>no backend Python configured: set it in the plugin settings (a Python with torch, sam2 and open_clip, e.g. the project&apos;s .venv/bin/python)</source>
        <translation>未配置后端 Python：请在插件设置中指定（包含 torch、sam2 和 open_clip 的 Python，例如项目的 .venv/bin/python）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="92"/>
        <source>loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="108"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="144"/>
        <source>cannot read the token file: {}</source>
        <translation>无法读取令牌文件：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="196"/>
        <source>cannot read the backend&apos;s token: {}</source>
        <translation>无法读取后端令牌：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="216"/>
        <source>the backend exited (code {}) {}</source>
        <translation>后端已退出（代码 {}）{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="220"/>
        <source>cannot start {}: check the backend Python in the settings</source>
        <translation>无法启动 {}：请检查设置中的后端 Python</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="75"/>
        <source>{} — choose the checkpoint in the plugin settings</source>
        <translation>{} — 请在插件设置中选择检查点</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="153"/>
        <source>connecting to {}…</source>
        <translation>正在连接 {}…</translation>
    </message>
</context>
<context>
    <name>ModelChoice</name>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="43"/>
        <source>choose the trained checkpoint file (.pt)</source>
        <translation>请选择训练好的检查点文件（.pt）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="45"/>
        <source>the checkpoint path must be a full path: {}</source>
        <translation>检查点路径必须是完整路径：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="47"/>
        <source>the checkpoint file does not exist: {}</source>
        <translation>检查点文件不存在：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="49"/>
        <source>the checkpoint is not a file: {}</source>
        <translation>检查点不是文件：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="51"/>
        <source>the checkpoint file cannot be read: {}</source>
        <translation>无法读取检查点文件：{}</translation>
    </message>
</context>
<context>
    <name>ModelManager</name>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_manager.py" line="191"/>
        <source>no backend Python configured: set it in the plugin settings (a Python with the rrsis_qgis requirements, e.g. the project&apos;s .venv/bin/python)</source>
        <translation>未配置后端 Python：请在插件设置中设置（一个装有 rrsis_qgis 依赖的 Python，例如项目的 .venv/bin/python）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_manager.py" line="211"/>
        <source>`models {}` exited with code {}</source>
        <translation>`models {}` 以代码 {} 退出</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_manager.py" line="216"/>
        <source>unexpected answer from `models {}`: {}</source>
        <translation>`models {}` 返回了意外的结果：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_manager.py" line="268"/>
        <source>cannot start {}: check the backend Python in the settings</source>
        <translation>无法启动 {}：请检查设置中的后端 Python</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_manager.py" line="259"/>
        <source>the download exited with code {}</source>
        <translation>下载以代码 {} 退出</translation>
    </message>
</context>
<context>
    <name>ModelsDialog</name>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="78"/>
        <source>Models folder: {}</source>
        <translation>模型文件夹：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="48"/>
        <source>(the default)</source>
        <translation>（默认）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="57"/>
        <source>computing the sha256 of the checkpoints on disk…</source>
        <translation>正在计算磁盘上检查点的 sha256…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="66"/>
        <source>downloading {}…</source>
        <translation>正在下载 {}…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="101"/>
        <source>no checkpoint on disk to verify</source>
        <translation>磁盘上没有可校验的检查点</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="103"/>
        <source>{} verified, {} without a pinned sha256, {} wrong</source>
        <translation>{} 个已校验，{} 个未固定 sha256，{} 个错误</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="122"/>
        <source>{} downloaded and its sha256 verified</source>
        <translation>{} 已下载，sha256 校验通过</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="122"/>
        <source>{} downloaded; not verified: the manifest pins no sha256</source>
        <translation>{} 已下载；未校验：清单中没有固定的 sha256</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="125"/>
        <source>{}: download cancelled; the partial file stays and the next download resumes it</source>
        <translation>{}：下载已取消；部分文件会保留，下次下载将继续</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="129"/>
        <source>{}: download failed: {}</source>
        <translation>{}：下载失败：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="143"/>
        <source>{}
used by: {}</source>
        <translation>{}
使用者：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="162"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="162"/>
        <source>Download again</source>
        <translation>重新下载</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="162"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="162"/>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="165"/>
        <source>on disk</source>
        <translation>已在磁盘上</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="183"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="185"/>
        <source>partial ({})</source>
        <translation>部分（{}）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="185"/>
        <source>an interrupted download: it resumes</source>
        <translation>中断的下载：将继续</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="186"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="190"/>
        <source>download failed</source>
        <translation>下载失败</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="191"/>
        <source>not checked (Verify)</source>
        <translation>未校验（校验）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="191"/>
        <source>verified</source>
        <translation>已校验</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="192"/>
        <source>not pinned</source>
        <translation>未固定</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="192"/>
        <source>wrong</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>RrsisDock</name>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="30"/>
        <source>RRSIS — find by phrase</source>
        <translation>RRSIS — 按描述查找</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="107"/>
        <source>Export results</source>
        <translation>导出结果</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="107"/>
        <source>GeoPackage (*.gpkg);;Shapefile (*.shp)</source>
        <translation>GeoPackage (*.gpkg);;Shapefile (*.shp)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="120"/>
        <source>{} feature(s) exported to {}</source>
        <translation>已导出 {} 个要素到 {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="121"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="133"/>
        <source>no raster layer</source>
        <translation>没有栅格图层</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="208"/>
        <source>run a phrase first, then add points to refine it</source>
        <translation>请先运行描述，再添加点进行细化</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="234"/>
        <source>Restart</source>
        <translation>重新启动</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="10"/>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="259"/>
        <source>Restart backend</source>
        <translation>重新启动后端</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="315"/>
        <source>e.g. the white storage tank left of the road</source>
        <translation>例如 the white storage tank left of the road</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="9"/>
        <source>● backend down</source>
        <translation>● 后端未运行</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="11"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="12"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="12"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="15"/>
        <source>Raster layer</source>
        <translation>栅格图层</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="17"/>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="18"/>
        <source>What are you looking for?</source>
        <translation>您要查找什么？</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="27"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="28"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="29"/>
        <source>Refine…</source>
        <translation>细化…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="29"/>
        <source>Click the map: left = part of the object, right = not part of it</source>
        <translation>点击地图：左键 = 属于目标，右键 = 不属于目标</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="38"/>
        <source>Phrase</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="39"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="40"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="45"/>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="46"/>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="47"/>
        <source>Zoom to</source>
        <translation>缩放至</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="52"/>
        <source>Export all (not only accepted)</source>
        <translation>全部导出（不仅是已接受的）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="53"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="127"/>
        <source>{} phrase(s) are longer than {} characters: the Shapefile keeps only their first {}; export to GeoPackage to keep them whole</source>
        <translation>{} 条描述超过 {} 个字符：Shapefile 只保留前 {} 个字符；导出为 GeoPackage 可保留全文</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="134"/>
        <source>view ready</source>
        <translation>视图已就绪</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="134"/>
        <source>preparing the view…</source>
        <translation>正在准备视图…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="162"/>
        <source>the selected result is no longer in the results layer (undone or deleted)</source>
        <translation>所选结果已不在结果图层中（已撤销或删除）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="215"/>
        <source>that point is outside the view of the last query: run the phrase again on this view first</source>
        <translation>该点在上一次查询的视图之外：请先在此视图中重新运行描述</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="232"/>
        <source>Details: View ▸ Panels ▸ Log Messages ▸ rrsis_qgis</source>
        <translation>详情：视图 ▸ 面板 ▸ 日志消息 ▸ rrsis_qgis</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="30"/>
        <source>Heatmap</source>
        <translation>热力图</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="30"/>
        <source>Show where the phrase matches, as a layer under the results</source>
        <translation>以结果下方的图层显示描述匹配的位置</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="45"/>
        <source>Accept the selected results (Alt+Shift+A)</source>
        <translation>接受所选结果 (Alt+Shift+A)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="46"/>
        <source>Reject the selected results (Alt+Shift+R)</source>
        <translation>拒绝所选结果 (Alt+Shift+R)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="47"/>
        <source>Zoom to the selected results (Alt+Shift+Z)</source>
        <translation>缩放到所选结果 (Alt+Shift+Z)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="269"/>
        <source>Model weights are missing: {} — download them, then press Start</source>
        <translation>缺少模型权重：{} — 请下载后再按“启动”</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="271"/>
        <source>Download…</source>
        <translation>下载…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="1"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="1"/>
        <source>Shapefile (*.shp)</source>
        <translation>Shapefile (*.shp)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="1"/>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="1"/>
        <source>Open the plugin settings</source>
        <translation>打开插件设置</translation>
    </message>
</context>
<context>
    <name>ReviewList</name>
    <message>
        <location filename="../rrsis_qgis/gui/review_list.py" line="1"/>
        <source>RRSIS: accept the selected results</source>
        <translation>RRSIS：接受所选结果</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/review_list.py" line="1"/>
        <source>RRSIS: reject the selected results</source>
        <translation>RRSIS：拒绝所选结果</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/review_list.py" line="1"/>
        <source>RRSIS: zoom to the selected results</source>
        <translation>RRSIS：缩放到所选结果</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/review_list.py" line="1"/>
        <source>the selected result is no longer in the results layer (undone or deleted)</source>
        <translation>所选结果已不在结果图层中（已撤销或删除）</translation>
    </message>
</context>
<context>
    <name>RrsisModels</name>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="5"/>
        <source>RRSIS models</source>
        <translation>RRSIS 模型</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="17"/>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="18"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="19"/>
        <source>On disk</source>
        <translation>在磁盘上</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="20"/>
        <source>Checksum</source>
        <translation>校验和</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="21"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="28"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="28"/>
        <source>Read the models folder again</source>
        <translation>重新读取模型文件夹</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="29"/>
        <source>Verify</source>
        <translation>校验</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="29"/>
        <source>Compute the sha256 of every checkpoint on disk and compare it with the manifest (a few seconds per GB)</source>
        <translation>计算磁盘上每个检查点的 sha256 并与清单比较（每 GB 需几秒）</translation>
    </message>
</context>
<context>
    <name>RrsisPlugin</name>
    <message>
        <location filename="../rrsis_qgis/plugin.py" line="27"/>
        <source>RRSIS — find by phrase</source>
        <translation>RRSIS — 按描述查找</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/plugin.py" line="29"/>
        <source>Find the object a phrase describes and get its outline as polygons</source>
        <translation>查找描述所指的目标并以多边形获取其轮廓</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/plugin.py" line="101"/>
        <source>Restarting the backend with the new settings</source>
        <translation>正在使用新设置重新启动后端</translation>
    </message>
</context>
<context>
    <name>RrsisProvider</name>
    <message>
        <location filename="../rrsis_qgis/processing/provider.py" line="17"/>
        <source>RRSIS — referring segmentation</source>
        <translation>RRSIS — 指代分割</translation>
    </message>
</context>
<context>
    <name>RrsisSettings</name>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="5"/>
        <source>RRSIS settings</source>
        <translation>RRSIS 设置</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="10"/>
        <source>Backend</source>
        <translation>后端</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="12"/>
        <source>Backend Python</source>
        <translation>后端 Python</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="13"/>
        <source>a Python with torch, sam2 and open_clip (e.g. …/.venv/bin/python)</source>
        <translation>包含 torch、sam2 和 open_clip 的 Python（例如 …/.venv/bin/python）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="14"/>
        <source>Or running backend URL</source>
        <translation>或正在运行的后端 URL</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="15"/>
        <source>http://gpu-box:8765 (leave empty to start one)</source>
        <translation>http://gpu-box:8765（留空则自动启动）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="16"/>
        <source>Its token file</source>
        <translation>其令牌文件</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="18"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="20"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="25"/>
        <source>Models folder</source>
        <translation>模型文件夹</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="28"/>
        <source>default: ~/.cache/rrsis_qgis/models</source>
        <translation>默认：~/.cache/rrsis_qgis/models</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="38"/>
        <source>View and results</source>
        <translation>视图与结果</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="40"/>
        <source>Longest side (px)</source>
        <translation>最长边（像素）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="42"/>
        <source>Bands for R,G,B</source>
        <translation>R、G、B 对应波段</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="43"/>
        <source>automatic (1,2,3; one band → gray)</source>
        <translation>自动（1,2,3；单波段 → 灰度）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="44"/>
        <source>Results CRS</source>
        <translation>结果坐标系</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="46"/>
        <source>Results GeoPackage</source>
        <translation>结果 GeoPackage</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="48"/>
        <source>Keep results in a temporary (memory) layer</source>
        <translation>将结果保存在临时（内存）图层中</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="49"/>
        <source>Candidates per query</source>
        <translation>每次查询的候选数</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="22"/>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="23"/>
        <source>A model trained with &quot;python -m rrsis_qgis.train fit&quot; (a .pt file)</source>
        <translation>用“python -m rrsis_qgis.train fit”训练的模型（.pt 文件）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="51"/>
        <source>Prepare the view</source>
        <translation>预先准备视图</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="52"/>
        <source>Encode the visible view once the map is still (the next phrase is answered faster)</source>
        <translation>地图静止后对可见视图编码（下一条描述响应更快）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="52"/>
        <source>Off on a laptop running on battery (Linux). Web layers are encoded when queried.</source>
        <translation>笔记本电脑使用电池时关闭（Linux）。网络图层在查询时编码。</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="53"/>
        <source>… after the map is still for</source>
        <translation>… 地图静止时长</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="54"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="29"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="29"/>
        <source>Choose the models folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="30"/>
        <source>Models…</source>
        <translation>模型…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="30"/>
        <source>The checkpoints in this folder: download, cancel, verify</source>
        <translation>此文件夹中的检查点：下载、取消、校验</translation>
    </message>
</context>
<context>
    <name>SegmentByPhrase</name>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="53"/>
        <source>Segment by phrase</source>
        <translation>按描述分割</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="63"/>
        <source>Raster layer</source>
        <translation>栅格图层</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="64"/>
        <source>Phrase</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="66"/>
        <source>Extent (default: the whole raster)</source>
        <translation>范围（默认：整个栅格）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="68"/>
        <source>Target GSD, m/px (0 = the raster&apos;s)</source>
        <translation>目标地面分辨率，米/像素（0 = 栅格原始分辨率）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="70"/>
        <source>Tile size, px</source>
        <translation>瓦片大小，像素</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="72"/>
        <source>Tile overlap, px</source>
        <translation>瓦片重叠，像素</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="74"/>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="74"/>
        <source>single: the one referred object</source>
        <translation>单个：所指的那个对象</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="74"/>
        <source>all: every instance</source>
        <translation>全部：每一个实例</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="77"/>
        <source>Score threshold</source>
        <translation>得分阈值</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="79"/>
        <source>Backend URL (empty: the panel&apos;s)</source>
        <translation>后端 URL（留空：使用面板的设置）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="81"/>
        <source>Backend token file</source>
        <translation>后端令牌文件</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="83"/>
        <source>Segments</source>
        <translation>分割结果</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="90"/>
        <source>the input must be a raster file that GDAL reads (web layers are not tiled; use the panel for them)</source>
        <translation>输入必须是 GDAL 可读取的栅格文件（网络图层不分块；请使用面板处理）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="129"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="103"/>
        <source>a query is already running: wait for it or cancel it</source>
        <translation>已有查询正在运行：请等待或取消</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="100"/>
        <source>run a phrase first, then add points to refine it</source>
        <translation>请先运行描述，再添加点进行细化</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="150"/>
        <source>there are no results to export yet</source>
        <translation>还没有可导出的结果</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="194"/>
        <source>query cancelled</source>
        <translation>查询已取消</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="197"/>
        <source>nothing found for “{}” in this view</source>
        <translation>在此视图中未找到“{}”</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="226"/>
        <source>RRSIS: {}</source>
        <translation>RRSIS：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="213"/>
        <source>could not show the heatmap/candidates: {}</source>
        <translation>无法显示热力图/候选框：{}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="30"/>
        <source>the project CRS</source>
        <translation>项目坐标系</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="26"/>
        <source>Trained checkpoint…</source>
        <translation>训练好的检查点…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="27"/>
        <source>Checkpoints (*.pt *.pth)</source>
        <translation>检查点 (*.pt *.pth)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="28"/>
        <source>Choose a trained checkpoint</source>
        <translation>选择训练好的检查点</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="29"/>
        <source>the raster layer&apos;s CRS (one results layer per CRS)</source>
        <translation>栅格图层的坐标系（每个坐标系一个结果图层）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="80"/>
        <source>Choose the models folder</source>
        <translation>选择模型文件夹</translation>
    </message>
</context>
</TS>
