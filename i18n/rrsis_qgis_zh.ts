<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>@default</name>
    <message>
        <location filename="../rrsis_qgis/processing/cluster_cli.py" line="61"/>
        <source>cannot start the backend&apos;s Python {}: {}</source>
        <translation>无法启动后端 Python {}：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/cluster_cli.py" line="78"/>
        <source>the cluster run stopped (exit code {})</source>
        <translation>集群运行已停止（退出代码 {}）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/diagnose.py" line="70"/>
        <source>{} was not made by the installer: not removed</source>
        <translation>{} 不是由安装程序创建的：未删除</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/messages.py" line="18"/>
        <source>No backend installed yet: open Settings… and press Install… (it sets up the backend's own Python in the QGIS profile, a few minutes), or set the backend Python of a `make setup` checkout.</source>
        <translation>尚未安装后端：请打开“设置…”并按“安装…”（将在 QGIS 配置文件中建立后端专用的 Python，需要几分钟），或指定一个已运行 `make setup` 的代码检出中的后端 Python。</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/messages.py" line="21"/>
        <source>The backend Python {} does not exist (moved or removed?): open Settings… and press Install… to set up the backend again, or choose another Python.</source>
        <translation>后端 Python {} 不存在（已被移动或删除？）：请打开“设置…”并按“安装…”重新安装后端，或选择其他 Python。</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/torch_choice.py" line="50"/>
        <source>torch 2.14 publishes no build for Intel Macs (macOS x86-64): use a backend on another machine (Settings → Backend → running backend URL)</source>
        <translation>torch 2.14 未提供适用于 Intel Mac（macOS x86-64）的版本：请使用另一台计算机上的后端（设置 → 后端 → 正在运行的后端 URL）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/torch_choice.py" line="53"/>
        <source>Apple silicon: PyPI&apos;s torch (Metal/MPS GPU)</source>
        <translation>Apple 芯片：PyPI 的 torch（Metal/MPS GPU）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/torch_choice.py" line="57"/>
        <source>CPU build (chosen in the installer)</source>
        <translation>CPU 版本（在安装程序中选择）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/torch_choice.py" line="60"/>
        <source>PyPI&apos;s default torch build (chosen in the installer)</source>
        <translation>PyPI 默认的 torch 版本（在安装程序中选择）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/torch_choice.py" line="64"/>
        <source>CUDA {} build (chosen in the installer)</source>
        <translation>CUDA {} 版本（在安装程序中选择）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/torch_choice.py" line="68"/>
        <source>no NVIDIA driver found: CPU build</source>
        <translation>未找到 NVIDIA 驱动：CPU 版本</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/torch_choice.py" line="70"/>
        <source>NVIDIA driver {} on {} {}: PyPI&apos;s default torch build</source>
        <translation>NVIDIA 驱动 {}（{} {}）：PyPI 默认的 torch 版本</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/torch_choice.py" line="74"/>
        <source>NVIDIA driver {}: CUDA {} build</source>
        <translation>NVIDIA 驱动 {}：CUDA {} 版本</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/torch_choice.py" line="78"/>
        <source>GPU found but torch cannot use it: driver {} is older than CUDA 12.6 needs ({}) — installed the CPU build; update the NVIDIA driver and press Repair</source>
        <translation>找到了 GPU，但 torch 无法使用：驱动 {} 低于 CUDA 12.6 的要求（{}）— 已安装 CPU 版本；请更新 NVIDIA 驱动后按“修复”</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/explain.py" line="9"/>
        <source>The disk is full: free some space (the backend needs a few GB) and press Install again; it resumes.</source>
        <translation>磁盘已满：请释放一些空间（后端需要几 GB）后再按“安装”；安装将从中断处继续。</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/explain.py" line="9"/>
        <source>A secure connection to the package index failed (certificate): if your network inspects HTTPS, add its certificate to the system store or set the proxy in QGIS (Settings → Options → Network).</source>
        <translation>与软件包索引的安全连接失败（证书）：如果您的网络会检查 HTTPS，请将其证书添加到系统证书库，或在 QGIS 中设置代理（设置 → 选项 → 网络）。</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/explain.py" line="9"/>
        <source>The proxy refused the connection: check the proxy in QGIS (Settings → Options → Network).</source>
        <translation>代理拒绝了连接：请检查 QGIS 中的代理设置（设置 → 选项 → 网络）。</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/explain.py" line="9"/>
        <source>No connection to the package index: check the network or the proxy in QGIS (Settings → Options → Network), or install from a folder of wheels made on another machine.</source>
        <translation>无法连接到软件包索引：请检查网络或 QGIS 中的代理（设置 → 选项 → 网络），或从另一台计算机上制作的 wheel 文件夹安装。</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/explain.py" line="9"/>
        <source>The environment folder cannot be written: choose another folder or check its permissions.</source>
        <translation>无法写入环境文件夹：请选择其他文件夹或检查其权限。</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/explain.py" line="9"/>
        <source>A downloaded package is damaged: press Repair to download it again.</source>
        <translation>下载的软件包已损坏：请按“修复”重新下载。</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/explain.py" line="9"/>
        <source>The wheel folder lacks a package the backend needs (the detail names it): make the folder again with the command in the README.</source>
        <translation>wheel 文件夹缺少后端所需的软件包（详细信息中有其名称）：请用 README 中的命令重新制作该文件夹。</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/explain.py" line="9"/>
        <source>The package index has no build of a pinned package for this computer (the detail names it).</source>
        <translation>软件包索引中没有适用于此计算机的某个固定版本软件包（详细信息中有其名称）。</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/explain.py" line="41"/>
        <source>The step “{}” failed (exit code {}).</source>
        <translation>步骤“{}”失败（退出代码 {}）。</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/env_check.py" line="22"/>
        <source>the backend environment {} is not completely installed: open Settings → Install… and press Install (it resumes) or Repair</source>
        <translation>后端环境 {} 未完整安装：请打开“设置 → 安装…”并按“安装”（将从中断处继续）或“修复”</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/step_actions.py" line="54"/>
        <source>No connection</source>
        <translation>无连接</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/step_actions.py" line="55"/>
        <source>The PyTorch index {} cannot be reached (PyPI can): allow that address, or choose “PyPI's default build” as the torch build.
{}</source>
        <translation>无法访问 PyTorch 索引 {}（PyPI 可以访问）：请允许该地址，或将 torch 版本选为“PyPI 的默认版本”。
{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/step_actions.py" line="83"/>
        <source>The self-test printed no result: {}</source>
        <translation>自检未输出结果：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/step_actions.py" line="85"/>
        <source>The self-test failed: {}</source>
        <translation>自检失败：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/commands.py" line="72"/>
        <source>Cannot run {}: {}</source>
        <translation>无法运行 {}：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/steps.py" line="113"/>
        <source>Cannot write to {} ({}): choose another folder for the backend environment.</source>
        <translation>无法写入 {}（{}）：请为后端环境选择其他文件夹。</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/disk.py" line="23"/>
        <source>Not enough disk space in {}: {:.1f} GB free, the backend needs about {:.0f} GB. Free some space or choose another folder.</source>
        <translation>{} 中磁盘空间不足：可用 {:.1f} GB，后端约需 {:.0f} GB。请释放一些空间或选择其他文件夹。</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/uv_wheel.py" line="33"/>
        <source>uv publishes no build for {} {}</source>
        <translation>uv 未提供适用于 {} {} 的版本</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/uv_wheel.py" line="42"/>
        <source>the package index sent an unexpected answer for uv ({})</source>
        <translation>软件包索引对 uv 返回了意外的应答（{}）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/uv_wheel.py" line="47"/>
        <source>no uv {} wheel for {} on the package index</source>
        <translation>软件包索引中没有 uv {} 适用于 {} 的 wheel</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/uv_wheel.py" line="54"/>
        <source>the folder {} has no uv {} wheel for {} (uv-{}-…{}….whl)</source>
        <translation>文件夹 {} 中没有 uv {} 适用于 {} 的 wheel（uv-{}-…{}….whl）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/uv_wheel.py" line="62"/>
        <source>the downloaded uv wheel is damaged (sha256 mismatch): press Repair to download it again</source>
        <translation>下载的 uv wheel 已损坏（sha256 不匹配）：请按“修复”重新下载</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/uv_wheel.py" line="67"/>
        <source>the uv wheel has no uv program in it</source>
        <translation>uv wheel 中没有 uv 程序</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/installer/uv_wheel.py" line="70"/>
        <source>the uv wheel is damaged ({}): press Repair to download it again</source>
        <translation>uv wheel 已损坏（{}）：请按“修复”重新下载</translation>
    </message>
</context>
<context>
    <name>BackendChoice</name>
    <message>
        <location filename="../rrsis_qgis/processing/backend_choice.py" line="23"/>
        <source>the backend at {} does not answer: {}</source>
        <translation>{} 处的后端没有响应：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/backend_choice.py" line="39"/>
        <source>no backend: press Start in the RRSIS panel, or give this algorithm the backend URL and its token file (python -m rrsis_qgis.server --token-file FILE prints the URL)</source>
        <translation>没有后端：请在 RRSIS 面板中按“启动”，或为此算法提供后端 URL 及其令牌文件（python -m rrsis_qgis.server --token-file FILE 会输出 URL）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/backend_choice.py" line="59"/>
        <source>a backend URL needs its token file (the server writes it at start)</source>
        <translation>后端 URL 需要配合其令牌文件（服务器启动时写入）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/backend_choice.py" line="64"/>
        <source>cannot read the token file {}: {}</source>
        <translation>无法读取令牌文件 {}：{}</translation>
    </message>
</context>
<context>
    <name>BackendManager</name>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="136"/>
        <source>loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="152"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="188"/>
        <source>cannot read the token file: {}</source>
        <translation>无法读取令牌文件：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="239"/>
        <source>cannot read the backend&apos;s token: {}</source>
        <translation>无法读取后端令牌：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="259"/>
        <source>the backend exited (code {}) {}</source>
        <translation>后端已退出（代码 {}）{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="263"/>
        <source>cannot start {}: check the backend Python in the settings</source>
        <translation>无法启动 {}：请检查设置中的后端 Python</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="122"/>
        <source>{} — choose the checkpoint in the plugin settings</source>
        <translation>{} — 请在插件设置中选择检查点</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/backend_process.py" line="197"/>
        <source>connecting to {}…</source>
        <translation>正在连接 {}…</translation>
    </message>
</context>
<context>
    <name>Extent</name>
    <message>
        <location filename="../rrsis_qgis/qgis_core/extent.py" line="61"/>
        <source>the map view does not show any part of {}: pan or zoom to it</source>
        <translation>地图视图中没有显示 {} 的任何部分：请平移或缩放到该图层</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/extent.py" line="75"/>
        <source>choose a raster layer first</source>
        <translation>请先选择一个栅格图层</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/extent.py" line="77"/>
        <source>{} has no coordinate reference system, so polygons could not be placed on the map. Assign one first (Layer Properties → Source → Assigned coordinate reference system).</source>
        <translation>{} 没有坐标参考系，因此多边形无法放置到地图上。请先为其指定一个（图层属性 → 源 → 指定的坐标参考系）。</translation>
    </message>
</context>
<context>
    <name>IdleEncoder</name>
    <message>
        <location filename="../rrsis_qgis/qgis_core/idle_encoder.py" line="132"/>
        <source>preparing the view ahead of a query failed: {}</source>
        <translation>查询前准备视图失败：{}</translation>
    </message>
</context>
<context>
    <name>InstallerDialog</name>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="36"/>
        <source>Get uv (the installer&apos;s tool)</source>
        <translation>获取 uv（安装程序所用的工具）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="36"/>
        <source>Make the Python environment</source>
        <translation>创建 Python 环境</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="37"/>
        <source>Install torch</source>
        <translation>安装 torch</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="37"/>
        <source>Install the backend&apos;s packages</source>
        <translation>安装后端的软件包</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="38"/>
        <source>Install SAM 2</source>
        <translation>安装 SAM 2</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="38"/>
        <source>Self-test</source>
        <translation>自检</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="44"/>
        <source>automatic (for this computer)</source>
        <translation>自动（适合此计算机）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="45"/>
        <source>CPU only</source>
        <translation>仅 CPU</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="45"/>
        <source>PyPI&apos;s default build</source>
        <translation>PyPI 的默认版本</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="47"/>
        <source>CUDA build {}</source>
        <translation>CUDA 版本 {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="76"/>
        <source>Choose the folder of wheels to install from.</source>
        <translation>请选择用于安装的 wheel 文件夹。</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="95"/>
        <source>Installing into {} ({})…</source>
        <translation>正在安装到 {}（{}）…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="101"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="119"/>
        <source>The report is on the clipboard.</source>
        <translation>报告已复制到剪贴板。</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="125"/>
        <source>Remove the backend environment</source>
        <translation>删除后端环境</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="125"/>
        <source>Delete {} and everything in it?</source>
        <translation>删除 {} 及其中的所有内容？</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="132"/>
        <source>Could not remove {}: {}</source>
        <translation>无法删除 {}：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="135"/>
        <source>Removed {}.</source>
        <translation>已删除 {}。</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="152"/>
        <source> (already done)</source>
        <translation>（已完成）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="187"/>
        <source>Installed. Self-test: {}</source>
        <translation>已安装。自检：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="167"/>
        <source>Cancelled. Press Install to resume where it stopped.</source>
        <translation>已取消。按“安装”可从中断处继续。</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="180"/>
        <source>NVIDIA GPU: {} (driver {})</source>
        <translation>NVIDIA GPU：{}（驱动 {}）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="180"/>
        <source>no NVIDIA GPU found</source>
        <translation>未找到 NVIDIA GPU</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="190"/>
        <source>Not completely installed: {}</source>
        <translation>未完整安装：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.py" line="192"/>
        <source>Not completely installed: press Install to resume.</source>
        <translation>未完整安装：按“安装”继续。</translation>
    </message>
</context>
<context>
    <name>ModelChoice</name>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="67"/>
        <source>choose the trained checkpoint file (.pt)</source>
        <translation>请选择训练好的检查点文件（.pt）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="71"/>
        <source>the checkpoint path must be a full path: {}</source>
        <translation>检查点路径必须是完整路径：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="73"/>
        <source>the checkpoint file does not exist: {}</source>
        <translation>检查点文件不存在：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="79"/>
        <source>the checkpoint is not a file: {}</source>
        <translation>检查点不是文件：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="81"/>
        <source>the checkpoint file cannot be read: {}</source>
        <translation>无法读取检查点文件：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_folders.py" line="26"/>
        <source>choose the RS2-SAM 2 release folder</source>
        <translation>请选择 RS2-SAM 2 发布文件夹</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_folders.py" line="26"/>
        <source>{} is not an RS2-SAM 2 release folder (it has no config.json)</source>
        <translation>{} 不是 RS2-SAM 2 发布文件夹（其中没有 config.json）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_folders.py" line="26"/>
        <source>{} describes a &quot;{}&quot; model: an RS2-SAM 2 release has model_type &quot;evf&quot;</source>
        <translation>{} 描述的是“{}”模型：RS2-SAM 2 发布版的 model_type 为 &quot;evf&quot;</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_folders.py" line="31"/>
        <source>choose the SAM 3 folder</source>
        <translation>请选择 SAM 3 文件夹</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_folders.py" line="31"/>
        <source>{} is not a SAM 3 folder (it has no config.json)</source>
        <translation>{} 不是 SAM 3 文件夹（其中没有 config.json）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_folders.py" line="31"/>
        <source>{} describes a &quot;{}&quot; model: a SAM 3 folder has model_type &quot;sam3&quot; or &quot;sam3_video&quot;</source>
        <translation>{} 描述的是“{}”模型：SAM 3 文件夹的 model_type 为 &quot;sam3&quot; 或 &quot;sam3_video&quot;</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_folders.py" line="31"/>
        <source>{} has no weights (model.safetensors or pytorch_model.bin)</source>
        <translation>{} 中没有权重（model.safetensors 或 pytorch_model.bin）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_folders.py" line="31"/>
        <source>{} has no processor_config.json (SAM 3&apos;s image processor settings): download the folder again</source>
        <translation>{} 中没有 processor_config.json（SAM 3 图像处理器的设置）：请重新下载该文件夹</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_folders.py" line="31"/>
        <source>{} has no tokenizer (tokenizer.json, or vocab.json with merges.txt): download the folder again</source>
        <translation>{} 中没有分词器（tokenizer.json，或 vocab.json 与 merges.txt）：请重新下载该文件夹</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_folders.py" line="61"/>
        <source>{} is not readable JSON ({})</source>
        <translation>{} 不是可读的 JSON（{}）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="67"/>
        <source>choose the RSRefSeg 2 checkpoint file (.pth)</source>
        <translation>请选择 RSRefSeg 2 检查点文件（.pth）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_choice.py" line="84"/>
        <source>{} is the training&apos;s resume file (last epoch + optimizer state, for `train fit` to continue), not a trained checkpoint: use {} instead</source>
        <translation>{} 是训练的续训文件（最后一个 epoch 及优化器状态，供 `train fit` 继续训练），不是训练好的检查点：请改用 {}</translation>
    </message>
</context>
<context>
    <name>ModelManager</name>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_manager.py" line="198"/>
        <source>`models {}` exited with code {}</source>
        <translation>`models {}` 以代码 {} 退出</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_manager.py" line="203"/>
        <source>unexpected answer from `models {}`: {}</source>
        <translation>`models {}` 返回了意外的结果：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_manager.py" line="256"/>
        <source>cannot start {}: check the backend Python in the settings</source>
        <translation>无法启动 {}：请检查设置中的后端 Python</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/model_manager.py" line="247"/>
        <source>the download exited with code {}</source>
        <translation>下载以代码 {} 退出</translation>
    </message>
</context>
<context>
    <name>ModelsDialog</name>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="148"/>
        <source>Models folder: {}</source>
        <translation>模型文件夹：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="62"/>
        <source>(the default)</source>
        <translation>（默认）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="71"/>
        <source>computing the sha256 of the checkpoints on disk…</source>
        <translation>正在计算磁盘上检查点的 sha256…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="85"/>
        <source>downloading {}…</source>
        <translation>正在下载 {}…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="181"/>
        <source>no checkpoint on disk to verify</source>
        <translation>磁盘上没有可校验的检查点</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="183"/>
        <source>{} verified, {} without a pinned sha256, {} wrong</source>
        <translation>{} 个已校验，{} 个未固定 sha256，{} 个错误</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="202"/>
        <source>{} downloaded and its sha256 verified</source>
        <translation>{} 已下载，sha256 校验通过</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="202"/>
        <source>{} downloaded; not verified: the manifest pins no sha256</source>
        <translation>{} 已下载；未校验：清单中没有固定的 sha256</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="205"/>
        <source>{}: download cancelled; the partial file stays and the next download resumes it</source>
        <translation>{}：下载已取消；部分文件会保留，下次下载将继续</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="209"/>
        <source>{}: download failed: {}</source>
        <translation>{}：下载失败：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="241"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="241"/>
        <source>Download again</source>
        <translation>重新下载</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="241"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="241"/>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="244"/>
        <source>on disk</source>
        <translation>已在磁盘上</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="273"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="275"/>
        <source>partial ({})</source>
        <translation>部分（{}）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="275"/>
        <source>an interrupted download: it resumes</source>
        <translation>中断的下载：将继续</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="276"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="280"/>
        <source>download failed</source>
        <translation>下载失败</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="281"/>
        <source>not checked (Verify)</source>
        <translation>未校验（校验）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="281"/>
        <source>verified</source>
        <translation>已校验</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="282"/>
        <source>not pinned</source>
        <translation>未固定</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="282"/>
        <source>wrong</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="94"/>
        <source>{}: every file it needs is on disk or downloading</source>
        <translation>{}：所需的每个文件都已在磁盘上或正在下载</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="100"/>
        <source>{}: downloading {} files…</source>
        <translation>{}：正在下载 {} 个文件…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="116"/>
        <source>Licence of {}</source>
        <translation>{} 的许可协议</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="116"/>
        <source>These files come under a licence that restricts their use: {}. Read it; downloading means accepting it.</source>
        <translation>这些文件受限制其使用的许可协议约束：{}。请阅读该协议；下载即表示接受。</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="127"/>
        <source>Accept and download</source>
        <translation>接受并下载</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="140"/>
        <source>{}: the licence was not accepted; nothing was downloaded</source>
        <translation>{}：未接受许可协议；未下载任何内容</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="263"/>
        <source>used by: {}</source>
        <translation>使用者：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="265"/>
        <source>licence: {}</source>
        <translation>许可协议：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.py" line="267"/>
        <source>gated: request access on {}, then enter an access token below (or set HF_TOKEN)</source>
        <translation>受限访问：请在 {} 上申请访问权限，然后在下方输入访问令牌（或设置 HF_TOKEN）</translation>
    </message>
</context>
<context>
    <name>ReviewList</name>
    <message>
        <location filename="../rrsis_qgis/gui/review_list.py" line="27"/>
        <source>RRSIS: accept the selected results</source>
        <translation>RRSIS：接受所选结果</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/review_list.py" line="27"/>
        <source>RRSIS: reject the selected results</source>
        <translation>RRSIS：拒绝所选结果</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/review_list.py" line="27"/>
        <source>RRSIS: zoom to the selected results</source>
        <translation>RRSIS：缩放到所选结果</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/review_list.py" line="77"/>
        <source>the selected result is no longer in the results layer (undone or deleted)</source>
        <translation>所选结果已不在结果图层中（已撤销或删除）</translation>
    </message>
</context>
<context>
    <name>RrsisDock</name>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="33"/>
        <source>RRSIS — find by phrase</source>
        <translation>RRSIS — 按描述查找</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="131"/>
        <source>Export results</source>
        <translation>导出结果</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="146"/>
        <source>{} feature(s) exported to {}</source>
        <translation>已导出 {} 个要素到 {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="147"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="161"/>
        <source>no raster layer</source>
        <translation>没有栅格图层</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="235"/>
        <source>run a phrase first, then add points to refine it</source>
        <translation>请先运行描述，再添加点进行细化</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="265"/>
        <source>Restart</source>
        <translation>重新启动</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="10"/>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="312"/>
        <source>Restart backend</source>
        <translation>重新启动后端</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="365"/>
        <source>e.g. the white storage tank left of the road</source>
        <translation>例如 the white storage tank left of the road</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="7"/>
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
        <location filename="../rrsis_qgis/gui/dock.ui" line="47"/>
        <source>Phrase</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="48"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="49"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="54"/>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="55"/>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="56"/>
        <source>Zoom to</source>
        <translation>缩放至</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="61"/>
        <source>Export all (not only accepted)</source>
        <translation>全部导出（不仅是已接受的）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="62"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="153"/>
        <source>{} phrase(s) are longer than {} characters: the Shapefile keeps only their first {}; export to GeoPackage to keep them whole</source>
        <translation>{} 条描述超过 {} 个字符：Shapefile 只保留前 {} 个字符；导出为 GeoPackage 可保留全文</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="175"/>
        <source>view ready</source>
        <translation>视图已就绪</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="175"/>
        <source>preparing the view…</source>
        <translation>正在准备视图…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="242"/>
        <source>that point is outside the view of the last query: run the phrase again on this view first</source>
        <translation>该点在上一次查询的视图之外：请先在此视图中重新运行描述</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="263"/>
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
        <location filename="../rrsis_qgis/gui/dock.ui" line="54"/>
        <source>Accept the selected results (Alt+Shift+A)</source>
        <translation>接受所选结果 (Alt+Shift+A)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="55"/>
        <source>Reject the selected results (Alt+Shift+R)</source>
        <translation>拒绝所选结果 (Alt+Shift+R)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="56"/>
        <source>Zoom to the selected results (Alt+Shift+Z)</source>
        <translation>缩放到所选结果 (Alt+Shift+Z)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="322"/>
        <source>Model weights are missing: {} — download them, then press Start</source>
        <translation>缺少模型权重：{} — 请下载后再按“启动”</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="324"/>
        <source>Download…</source>
        <translation>下载…</translation>
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
        <translation>设置…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.ui" line="38"/>
        <source>Open the plugin settings</source>
        <translation>打开插件设置</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="184"/>
        <source>{crs} · {gsd} m/px (ground)</source>
        <translation>{crs} · {gsd} m/px（地面）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="184"/>
        <source>custom CRS</source>
        <translation>自定义坐标系</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="186"/>
        <source>{width}×{height} px</source>
        <translation>{width}×{height} 像素</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/dock.py" line="262"/>
        <source>Self-test: {}</source>
        <translation>自检：{}</translation>
    </message>
</context>
<context>
    <name>RrsisInstaller</name>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.ui" line="5"/>
        <source>Install the RRSIS backend</source>
        <translation>安装 RRSIS 后端</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.ui" line="10"/>
        <source>Environment folder</source>
        <translation>环境文件夹</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.ui" line="11"/>
        <source>A private Python environment for the backend (torch, SAM 2, …); a few GB. Remove deletes this folder.</source>
        <translation>后端专用的 Python 环境（torch、SAM 2 等）；占用几 GB。“删除”会删除此文件夹。</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.ui" line="12"/>
        <source>torch build</source>
        <translation>torch 版本</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.ui" line="15"/>
        <source>Install from a folder</source>
        <translation>从文件夹安装</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.ui" line="15"/>
        <source>Offline: every package from a folder of wheels made on another machine (see the README); nothing is downloaded</source>
        <translation>离线：所有软件包都来自另一台计算机上制作的 wheel 文件夹（见 README）；不下载任何内容</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.ui" line="25"/>
        <source>Install</source>
        <translation>安装</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.ui" line="26"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.ui" line="27"/>
        <source>Repair</source>
        <translation>修复</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.ui" line="27"/>
        <source>Download and install the packages again (a damaged download, a broken environment)</source>
        <translation>重新下载并安装软件包（下载损坏、环境损坏时）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.ui" line="28"/>
        <source>Diagnose</source>
        <translation>诊断</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.ui" line="29"/>
        <source>Copy report</source>
        <translation>复制报告</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.ui" line="30"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.ui" line="30"/>
        <source>Delete the environment folder (nothing is left behind)</source>
        <translation>删除环境文件夹（不留任何残余）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/installer_dialog.ui" line="32"/>
        <source>Close</source>
        <translation>关闭</translation>
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
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="25"/>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="26"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="27"/>
        <source>On disk</source>
        <translation>在磁盘上</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="28"/>
        <source>Checksum</source>
        <translation>校验和</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="29"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="42"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="42"/>
        <source>Read the models folder again</source>
        <translation>重新读取模型文件夹</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="43"/>
        <source>Verify</source>
        <translation>校验</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="43"/>
        <source>Compute the sha256 of every checkpoint on disk and compare it with the manifest (a few seconds per GB)</source>
        <translation>计算磁盘上每个检查点的 sha256 并与清单比较（每 GB 需几秒）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="11"/>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="12"/>
        <source>A model preset (models.json) or a released checkpoint (releases.json); the files it needs are the rows that name it under &quot;used by&quot;</source>
        <translation>模型预设（models.json）或已发布的检查点（releases.json）；它所需的文件是“使用者”一栏中列出它的那些行</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="13"/>
        <source>Download model</source>
        <translation>下载模型</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="13"/>
        <source>Download every file the chosen model needs that is not on disk yet</source>
        <translation>下载所选模型所需而磁盘上尚没有的全部文件</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="35"/>
        <source>Access token:</source>
        <translation>访问令牌：</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="36"/>
        <source>for gated models (SAM 3): a Hugging Face read token; empty: $HF_TOKEN</source>
        <translation>用于受限模型（SAM 3）：Hugging Face 读取令牌；留空则使用 $HF_TOKEN</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/models_dialog.ui" line="36"/>
        <source>Sent only with the downloads of gated checkpoints (Hugging Face facebook/sam3), only to their own host. Kept only while this window is open, never saved; to keep a token, set HF_TOKEN in the environment QGIS starts in.</source>
        <translation>仅在下载受限检查点（Hugging Face facebook/sam3）时发送，且只发送到其自身的服务器。仅在此窗口打开期间保留，从不保存；如需长期使用令牌，请在启动 QGIS 的环境中设置 HF_TOKEN。</translation>
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
        <location filename="../rrsis_qgis/plugin.py" line="102"/>
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
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="17"/>
        <source>a Python with torch, sam2 and open_clip (e.g. …/.venv/bin/python)</source>
        <translation>包含 torch、sam2 和 open_clip 的 Python（例如 …/.venv/bin/python）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="24"/>
        <source>Or running backend URL</source>
        <translation>或正在运行的后端 URL</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="25"/>
        <source>http://gpu-box:8765 (leave empty to start one)</source>
        <translation>http://gpu-box:8765（留空则自动启动）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="26"/>
        <source>Its token file</source>
        <translation>其令牌文件</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="28"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="30"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="35"/>
        <source>Models folder</source>
        <translation>模型文件夹</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="38"/>
        <source>default: ~/.cache/rrsis_qgis/models</source>
        <translation>默认：~/.cache/rrsis_qgis/models</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="48"/>
        <source>View and results</source>
        <translation>视图与结果</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="50"/>
        <source>Longest side (px)</source>
        <translation>最长边（像素）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="52"/>
        <source>Bands for R,G,B</source>
        <translation>R、G、B 对应波段</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="53"/>
        <source>automatic (1,2,3; one band → gray)</source>
        <translation>自动（1,2,3；单波段 → 灰度）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="54"/>
        <source>Results CRS</source>
        <translation>结果坐标系</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="56"/>
        <source>Results GeoPackage</source>
        <translation>结果 GeoPackage</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="58"/>
        <source>Keep results in a temporary (memory) layer</source>
        <translation>将结果保存在临时（内存）图层中</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="59"/>
        <source>Candidates per query</source>
        <translation>每次查询的候选数</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="32"/>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="33"/>
        <source>A model trained with &quot;python -m rrsis_qgis.train fit&quot; (a .pt file)</source>
        <translation>用“python -m rrsis_qgis.train fit”训练的模型（.pt 文件）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="61"/>
        <source>Prepare the view</source>
        <translation>预先准备视图</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="62"/>
        <source>Encode the visible view once the map is still (the next phrase is answered faster)</source>
        <translation>地图静止后对可见视图编码（下一条描述响应更快）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="62"/>
        <source>Off on a laptop running on battery (Linux). Web layers are encoded when queried.</source>
        <translation>笔记本电脑使用电池时关闭（Linux）。网络图层在查询时编码。</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="63"/>
        <source>… after the map is still for</source>
        <translation>… 地图静止时长</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="64"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="39"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="39"/>
        <source>Choose the models folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="40"/>
        <source>Models…</source>
        <translation>模型…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="40"/>
        <source>The checkpoints in this folder: download, cancel, verify</source>
        <translation>此文件夹中的检查点：下载、取消、校验</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="18"/>
        <source>Install…</source>
        <translation>安装…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.ui" line="18"/>
        <source>Install the backend into a private environment (no terminal needed); Diagnose, Repair, Remove</source>
        <translation>将后端安装到专用环境中（无需终端）；诊断、修复、删除</translation>
    </message>
</context>
<context>
    <name>SegmentByPhrase</name>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="64"/>
        <source>Segment by phrase</source>
        <translation>按描述分割</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="74"/>
        <source>Raster layer</source>
        <translation>栅格图层</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="75"/>
        <source>Phrase</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="77"/>
        <source>Extent (default: the whole raster)</source>
        <translation>范围（默认：整个栅格）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="79"/>
        <source>Target GSD, m/px (0 = the raster&apos;s)</source>
        <translation>目标地面分辨率，米/像素（0 = 栅格原始分辨率）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="81"/>
        <source>Tile size, px</source>
        <translation>瓦片大小，像素</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="83"/>
        <source>Tile overlap, px</source>
        <translation>瓦片重叠，像素</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="85"/>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="85"/>
        <source>single: the one referred object</source>
        <translation>单个：所指的那个对象</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="85"/>
        <source>all: every instance</source>
        <translation>全部：每一个实例</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="88"/>
        <source>Score threshold</source>
        <translation>得分阈值</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="90"/>
        <source>Backend URL (empty: the panel&apos;s)</source>
        <translation>后端 URL（留空：使用面板的设置）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="92"/>
        <source>Backend token file</source>
        <translation>后端令牌文件</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="97"/>
        <source>Segments</source>
        <translation>分割结果</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="176"/>
        <source>the input must be a raster file that GDAL reads (web layers are not tiled; use the panel for them)</source>
        <translation>输入必须是 GDAL 可读取的栅格文件（网络图层不分块；请使用面板处理）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="29"/>
        <source>Finds what a phrase describes in a whole raster and writes its outlines as polygons (in the raster's CRS, with the fields of the RRSIS results layer).

The raster (or the extent) is read in tiles through GDAL windows at the target GSD — never whole —, each tile goes to the RRSIS backend, and objects cut by tile borders are joined across the overlap.

&lt;b&gt;Mode&lt;/b&gt; &lt;i&gt;single&lt;/i&gt;: the one object the phrase refers to; positions, relations and superlatives (&quot;the largest tank&quot;, &quot;the building in the top-left corner&quot;) are judged over the whole area on a coarse overview, then the object is cut at the target GSD in the tiles under it. &lt;i&gt;all&lt;/i&gt;: every instance the phrase names, each tile searched.

&lt;b&gt;Backend&lt;/b&gt;: empty URL = the backend the RRSIS panel started (or the one set in its settings); otherwise the URL of a running &lt;tt&gt;python -m rrsis_qgis.server&lt;/tt&gt; and its token file.

&lt;b&gt;Dask cluster&lt;/b&gt;: &lt;tt&gt;local:N&lt;/tt&gt; (N worker processes on this machine) or a scheduler's address (&lt;tt&gt;tcp://HOST:8786&lt;/tt&gt;): the tiles run as Dask tasks, each worker with its own model (the plugin's model and device settings), mode &lt;i&gt;all&lt;/i&gt; only. The backend's Python runs the run; a cancelled run resumes when started again with the same inputs.</source>
        <translation>在整幅栅格中查找描述所指的内容，并将其轮廓写为多边形（使用栅格的坐标参考系，字段与 RRSIS 结果图层相同）。

栅格（或范围）按目标 GSD 通过 GDAL 窗口分块读取——从不整幅读取——每个切片都发送到 RRSIS 后端，被切片边界切开的目标会在重叠区中拼接。

&lt;b&gt;模式&lt;/b&gt; &lt;i&gt;single&lt;/i&gt;：描述所指的那一个目标；位置、关系和最高级（“最大的储罐”、“左上角的建筑”）在整个区域的粗略概览图上判断，然后在其所在的切片中按目标 GSD 切出该目标。&lt;i&gt;all&lt;/i&gt;：描述所指的每个实例，逐个切片搜索。

&lt;b&gt;后端&lt;/b&gt;：URL 留空 = RRSIS 面板启动的后端（或其设置中指定的后端）；否则为正在运行的 &lt;tt&gt;python -m rrsis_qgis.server&lt;/tt&gt; 的 URL 及其令牌文件。

&lt;b&gt;Dask 集群&lt;/b&gt;：&lt;tt&gt;local:N&lt;/tt&gt;（本机上的 N 个工作进程）或调度器的地址（&lt;tt&gt;tcp://HOST:8786&lt;/tt&gt;）：切片作为 Dask 任务运行，每个工作进程使用自己的模型（插件的模型和设备设置），仅限 &lt;i&gt;all&lt;/i&gt; 模式。运行在后端的 Python 中进行；已取消的运行在以相同输入再次启动时会继续。</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="94"/>
        <source>Dask cluster address (empty: the tiles go to the backend)</source>
        <translation>Dask 集群地址（留空：切片发送到后端）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="109"/>
        <source>{}, mode {}, backend {}</source>
        <translation>{}，模式 {}，后端 {}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="134"/>
        <source>Cancelled: nothing was written.</source>
        <translation>已取消：未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="139"/>
        <source>{} object(s); {} request(s) in {:.1f} s</source>
        <translation>{} 个目标；{} 个请求，用时 {:.1f} 秒</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="146"/>
        <source>a Dask cluster runs the mode &apos;all: every instance&apos;; the mode &apos;single&apos; reads one overview and a few tiles: leave the cluster address empty for it</source>
        <translation>Dask 集群运行“all：每个实例”模式；“single”模式只读取一个概览图和少量切片：使用该模式时请将集群地址留空</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="157"/>
        <source>Dask cluster {}: {}</source>
        <translation>Dask 集群 {}：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="161"/>
        <source>Cancelled: nothing was written; the finished tiles are kept, and the same run started again resumes from them.</source>
        <translation>已取消：未写入任何内容；已完成的切片会保留，使用相同输入再次运行将从这些切片继续。</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="168"/>
        <source>{} object(s); tiles: {} done, {} retried, {} failed</source>
        <translation>{} 个目标；切片：{} 个完成，{} 个重试，{} 个失败</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/processing/segment_algorithm.py" line="188"/>
        <source>The target GSD {:.3g} m/px is finer than the raster&apos;s {:.3g} m/px: the raster&apos;s own GSD is used (tiles are never upsampled).</source>
        <translation>目标 GSD {:.3g} m/px 比栅格自身的 {:.3g} m/px 更精细：将使用栅格自身的 GSD（切片从不上采样）。</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="111"/>
        <source>a query is already running: wait for it or cancel it</source>
        <translation>已有查询正在运行：请等待或取消</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="108"/>
        <source>run a phrase first, then add points to refine it</source>
        <translation>请先运行描述，再添加点进行细化</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="167"/>
        <source>there are no results to export yet</source>
        <translation>还没有可导出的结果</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="211"/>
        <source>query cancelled</source>
        <translation>查询已取消</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="214"/>
        <source>nothing found for “{}” in this view</source>
        <translation>在此视图中未找到“{}”</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="241"/>
        <source>RRSIS: {}</source>
        <translation>RRSIS：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/qgis_core/session.py" line="230"/>
        <source>could not show the heatmap/candidates: {}</source>
        <translation>无法显示热力图/候选框：{}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="38"/>
        <source>the project CRS</source>
        <translation>项目坐标系</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="29"/>
        <source>Trained checkpoint…</source>
        <translation>训练好的检查点…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="35"/>
        <source>Checkpoints (*.pt *.pth)</source>
        <translation>检查点 (*.pt *.pth)</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="140"/>
        <source>Choose a trained checkpoint</source>
        <translation>选择训练好的检查点</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="37"/>
        <source>the raster layer&apos;s CRS (one results layer per CRS)</source>
        <translation>栅格图层的坐标系（每个坐标系一个结果图层）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="115"/>
        <source>Choose the models folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="30"/>
        <source>RSRefSeg 2 release file (.pth)…</source>
        <translation>RSRefSeg 2 发布文件（.pth）…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="31"/>
        <source>RS2-SAM 2 release folder…</source>
        <translation>RS2-SAM 2 发布文件夹…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="32"/>
        <source>SAM 3 folder…</source>
        <translation>SAM 3 文件夹…</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="33"/>
        <source>Choose the RS2-SAM 2 release folder</source>
        <translation>选择 RS2-SAM 2 发布文件夹</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="34"/>
        <source>Choose the SAM 3 folder</source>
        <translation>选择 SAM 3 文件夹</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="40"/>
        <source>beside the project: &lt;project&gt;_rrsis_results.gpkg (unsaved: {})</source>
        <translation>位于项目旁：&lt;project&gt;_rrsis_results.gpkg（未保存：{}）</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="108"/>
        <source>Self-test: {}</source>
        <translation>自检：{}</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="142"/>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../rrsis_qgis/gui/settings_dialog.py" line="142"/>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
</context>
</TS>
