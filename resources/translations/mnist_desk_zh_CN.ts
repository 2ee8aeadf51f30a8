<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>About</name>
    <message>
        <location filename="../../mnist_desk/ui/about.py" line="+14"/>
        <source>MNIST Desk</source>
        <translation>MNIST Desk</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A desktop lab for convolutional neural networks on handwritten digits.</source>
        <translation>用手写数字探索卷积神经网络的桌面实验室。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Licence: MIT.</source>
        <translation>许可证：MIT。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The MNIST database of handwritten digits is by Yann LeCun, Corinna Cortes and Christopher J. C. Burges, and is available under the terms of the Creative Commons Attribution-Share Alike 3.0 licence (CC BY-SA 3.0).</source>
        <translation>MNIST 手写数字数据库由 Yann LeCun、Corinna Cortes 和 Christopher J. C. Burges 创建，依据知识共享署名-相同方式共享 3.0 许可协议（CC BY-SA 3.0）提供。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Built with PyTorch, Qt for Python (PySide6), NumPy, Pillow and Matplotlib.</source>
        <translation>基于 PyTorch、Qt for Python（PySide6）、NumPy、Pillow 和 Matplotlib 构建。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>About MNIST Desk</source>
        <translation>关于 MNIST Desk</translation>
    </message>
</context>
<context>
    <name>ArchitectureEditor</name>
    <message>
        <location filename="../../mnist_desk/ui/architecture/editor.py" line="+70"/>
        <source>Networks to start from; Use replaces the list (Undo brings it back).</source>
        <translation>可以从这些网络开始；“使用”会替换当前列表（“撤销”可以恢复）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use</source>
        <translation>使用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace the layers with the chosen network</source>
        <translation>用所选网络替换这些层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit a copy</source>
        <translation>编辑副本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make these layers your own network, to change and train</source>
        <translation>把这些层变成你自己的网络，可以修改并训练</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add layer</source>
        <translation>添加层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a layer after the selected one (Insert)</source>
        <translation>在所选层之后添加一层 (Insert)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected layer (Delete)</source>
        <translation>删除所选层 (Delete)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move the selected layer up (Ctrl+Up)</source>
        <translation>把所选层上移 (Ctrl+Up)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move the selected layer down (Ctrl+Down)</source>
        <translation>把所选层下移 (Ctrl+Down)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo the last change to the layers (Ctrl+Z)</source>
        <translation>撤销对各层的上一次修改 (Ctrl+Z)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo (Ctrl+Shift+Z)</source>
        <translation>重做 (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Start from:</source>
        <translation>起点：</translation>
    </message>
    <message>
        <location line="+235"/>
        <source>The architecture chosen above, as layers. Make a copy to change it.</source>
        <translation>上面所选的架构，按层列出。要修改它，请先编辑副本。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>&lt;b&gt;Total: {parameters} parameters&lt;/b&gt; · {multiply_adds} multiply-adds per digit (the tutorial&apos;s CNN: 28,938 and 2,838,080)</source>
        <translation>&lt;b&gt;总计：{parameters} 个参数&lt;/b&gt; · 每个数字 {multiply_adds} 次乘加（教程中的 CNN：28,938 和 2,838,080）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;Total: —&lt;/b&gt; (the network cannot be built yet)</source>
        <translation>&lt;b&gt;总计：—&lt;/b&gt;（网络还无法构建）</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/architecture/layer_table.py" line="+316"/>
        <source>Layers of the network</source>
        <translation>网络的各层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drag a layer to move it; Delete removes it, Insert adds one, Ctrl+Up and Ctrl+Down move it, F2 types it.</source>
        <translation>拖动一层可以移动它；Delete 删除，Insert 添加，Ctrl+Up 和 Ctrl+Down 移动，F2 直接输入。</translation>
    </message>
</context>
<context>
    <name>ArithmeticPanel</name>
    <message>
        <location filename="../../mnist_desk/ui/filter_lab/arithmetic_panel.py" line="+49"/>
        <source>Hover over a result pixel (or the picture) to see its arithmetic: the numbers under the kernel, times the kernel, and their sum.</source>
        <translation>把鼠标停在结果的某个像素（或图片）上，即可查看它的计算过程：卷积核下的数值乘以卷积核，再求和。</translation>
    </message>
</context>
<context>
    <name>BuiltNetwork</name>
    <message>
        <location filename="../../mnist_desk/ui/architecture/names.py" line="+31"/>
        <source>Built CNN (conv {filters}, fc {units})</source>
        <translation>自建 CNN（卷积 {filters}，全连接 {units}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Built network (fc {units})</source>
        <translation>自建网络（全连接 {units}）</translation>
    </message>
</context>
<context>
    <name>Canvas</name>
    <message>
        <location filename="../../mnist_desk/ui/draw/canvas.py" line="+51"/>
        <source>Draw one digit. Left button: pen, right button: eraser.</source>
        <translation>写一个数字。左键：画笔，右键：橡皮擦。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drawing canvas</source>
        <translation>手写画布</translation>
    </message>
    <message>
        <location line="+142"/>
        <source>Draw a digit here
or drop a picture of one</source>
        <translation>在这里写一个数字
或拖入一张数字图片</translation>
    </message>
</context>
<context>
    <name>ChainControls</name>
    <message>
        <location filename="../../mnist_desk/ui/filter_lab/controls.py" line="+31"/>
        <source>Sliding the kernel</source>
        <translation>滑动卷积核</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How many pixels the kernel moves at each step (the tutorial: 1, 2, 3 or 4)</source>
        <translation>卷积核每次移动的像素数（教程中为 1、2、3 或 4）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none (valid)</source>
        <translation>无（valid）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The kernel stays inside the picture: the result shrinks by k − 1</source>
        <translation>卷积核始终在图片内部：结果缩小 k − 1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same</source>
        <translation>same</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(k − 1) / 2 pixels on each side: with stride 1 the size is kept (PyTorch allows &apos;same&apos; at stride 1 only; here a larger stride gets the same (k − 1) / 2 pixels)</source>
        <translation>每边填充 (k − 1) / 2 个像素：步长为 1 时尺寸不变（PyTorch 只在步长 1 时允许 &apos;same&apos;；这里更大的步长也同样填充 (k − 1) / 2 个像素）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 pixel</source>
        <translation>1 像素</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>2 pixels</source>
        <translation>2 像素</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>3 pixels</source>
        <translation>3 像素</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>4 pixels</source>
        <translation>4 像素</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>zeros</source>
        <translation>补零</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pad with 0 (black): the tutorial&apos;s padding_mode=&apos;zeros&apos;</source>
        <translation>用 0（黑色）填充：即教程中的 padding_mode=&apos;zeros&apos;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reflect</source>
        <translation>反射</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mirror the picture at its edge, not repeating the edge pixel</source>
        <translation>以边缘为轴镜像图片，不重复边缘像素</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>replicate</source>
        <translation>复制边缘</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Repeat the edge pixel outwards</source>
        <translation>向外重复边缘像素</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>circular</source>
        <translation>循环</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Wrap around: the right edge continues on the left</source>
        <translation>循环环绕：右边缘之外接着左边缘的内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pixels added around the picture before the kernel slides (nn.Conv2d&apos;s padding)</source>
        <translation>卷积核滑动前在图片四周添加的像素（nn.Conv2d 的 padding）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What the added pixels hold (nn.Conv2d&apos;s padding_mode)</source>
        <translation>添加的像素取什么值（nn.Conv2d 的 padding_mode）</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+35"/>
        <source>Stride:</source>
        <translation>步长：</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Padding:</source>
        <translation>填充：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Padding mode:</source>
        <translation>填充模式：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pooling</source>
        <translation>池化</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>max</source>
        <translation>最大</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keep the largest value of each window (nn.MaxPool2d)</source>
        <translation>保留每个窗口中的最大值（nn.MaxPool2d）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>average</source>
        <translation>平均</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keep the mean of each window (nn.AvgPool2d)</source>
        <translation>保留每个窗口的平均值（nn.AvgPool2d）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shrink a picture by keeping one value per window (the tutorial&apos;s section 1.2)</source>
        <translation>每个窗口只保留一个值，从而缩小图片（教程第 1.2 节）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Side of the square pooling window (nn.MaxPool2d&apos;s kernel_size)</source>
        <translation>正方形池化窗口的边长（nn.MaxPool2d 的 kernel_size）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>= size</source>
        <translation>= 窗口大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The window&apos;s step; &apos;= size&apos; is PyTorch&apos;s default (windows do not overlap)</source>
        <translation>窗口的步长；“= 窗口大小”是 PyTorch 的默认值（窗口互不重叠）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the convolution&apos;s result</source>
        <translation>卷积结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the original picture</source>
        <translation>原图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pool the picture itself, as the tutorial&apos;s section 1.2</source>
        <translation>直接对图片本身池化，如教程 1.2 节</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pool the convolution&apos;s result (one CNN layer) or the original picture</source>
        <translation>对卷积结果池化（构成 CNN 的一层），或对原图池化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ReLU after the convolution</source>
        <translation>卷积后接 ReLU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>max(0, x): negative results become 0, as nn.ReLU</source>
        <translation>max(0, x)：负值变为 0，与 nn.ReLU 相同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Convolution → ReLU → max pool is one layer of a CNN: the tutorial&apos;s conv1 block (16 kernels 5 × 5, padding 2, ReLU, max pool 2).</source>
        <translation>卷积 → ReLU → 最大池化即 CNN 的一层：教程的 conv1（16 个 5×5 卷积核，填充 2，ReLU，最大池化 2）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pool:</source>
        <translation>池化：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Window:</source>
        <translation>窗口：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Applied to:</source>
        <translation>作用于：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>rescale min … max</source>
        <translation>线性拉伸（最小 … 最大）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The smallest value becomes black, the largest white: how the tutorial&apos;s plt.imshow shows it</source>
        <translation>最小值显示为黑色，最大值为白色：与教程中 plt.imshow 的显示方式相同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>clip to 0 … 255</source>
        <translation>截断到 0 … 255</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Negative values black, values above 255 white</source>
        <translation>负值显示为黑色，大于 255 的值显示为白色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>absolute value</source>
        <translation>绝对值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>|x| clipped at 255: edges of both signs show bright</source>
        <translation>|x| 截断于 255：正负两种边缘都显示为亮色</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How values below 0 or above 255 are shown; a saved .npy keeps the raw numbers</source>
        <translation>小于 0 或大于 255 的值如何显示；保存的 .npy 保留原始数值</translation>
    </message>
</context>
<context>
    <name>ChartToolbar</name>
    <message>
        <location filename="../../mnist_desk/ui/train/chart_canvas.py" line="+56"/>
        <source>Back to the whole run (and follow new data again)</source>
        <translation>回到整个训练的视图（并重新跟随新数据）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the previous view</source>
        <translation>回到上一个视图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forward to the next view</source>
        <translation>前进到下一个视图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drag to move the view; drag with the right button to zoom</source>
        <translation>拖动以移动视图；按住右键拖动以缩放</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drag a rectangle to zoom into it</source>
        <translation>拖出一个矩形以放大该区域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Margins and spacing of the chart</source>
        <translation>图表的边距和间距</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the axes and the lines</source>
        <translation>编辑坐标轴和曲线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the chart as a picture</source>
        <translation>将图表保存为图片</translation>
    </message>
</context>
<context>
    <name>CollectRow</name>
    <message>
        <location filename="../../mnist_desk/ui/draw/collect_row.py" line="+64"/>
        <source>Add to my handwriting as:</source>
        <translation>加入我的手写数字集，标为：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Add as {digit}</source>
        <translation>标为 {digit} 并加入</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>then clear</source>
        <translation>加入后清空</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the canvas after adding, ready for the next digit (Ctrl+Z on the canvas brings the drawing back)</source>
        <translation>加入后清空画布，以便写下一个数字（在画布上按 Ctrl+Z 可恢复手写）</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Add the drawing to the set “{set}” as a {digit} (Alt+{digit})</source>
        <translation>把这个手写数字标为 {digit}，加入数字集“{set}”（Alt+{digit}）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Draw a digit first: the canvas is empty.</source>
        <translation>请先写一个数字：画布是空的。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot add the digit</source>
        <translation>无法加入这个数字</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Added as {digit} to “{set}”: {count:,} of {digit}, {total:,} digits in all.</source>
        <translation>已标为 {digit} 加入“{set}”：{digit} 共 {count:,} 个，全部共 {total:,} 个数字。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The network read it as {answer}.</source>
        <translation>网络把它识别为 {answer}。</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrixWidget</name>
    <message>
        <location filename="../../mnist_desk/ui/evaluate/confusion.py" line="+41"/>
        <source>Click a cell to see those test digits</source>
        <translation>点击单元格查看对应的测试数字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>predicted digit</source>
        <translation>预测数字</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>true digit</source>
        <translation>真实数字</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Evaluate the weights to fill in the matrix.</source>
        <translation>评估权重后即可填充此矩阵。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>{0} test digits {1} recognised correctly</source>
        <translation>{0} 个真实为 {1} 的测试数字被正确识别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} test digits {1} taken for a {2}</source>
        <translation>{0} 个真实为 {1} 的测试数字被误认为 {2}</translation>
    </message>
</context>
<context>
    <name>CoreErrors</name>
    <message>
        <location filename="../../build/translation_sources/core_texts.py" line="+37"/>
        <source>A picture array must be uint8; got {dtype}.</source>
        <translation>图片数组必须是 uint8 类型；实际为 {dtype}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A picture must be a (height, width) or (height, width, channels) array; got shape {shape}.</source>
        <translation>图片必须是形状为 (高, 宽) 或 (高, 宽, 通道) 的数组；实际形状为 {shape}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A picture must hold numbers; got {dtype}.</source>
        <translation>图片必须由数值组成；实际为 {dtype}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A picture needs 3 (RGB) or 4 (RGBA) channels; got {channels}.</source>
        <translation>图片需要 3 个（RGB）或 4 个（RGBA）通道；实际为 {channels} 个。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A picture needs height and width; got shape {shape}.</source>
        <translation>图片需要有高和宽；实际形状为 {shape}。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>An MNIST digit is 28x28 pixels; this one is {shape}.</source>
        <translation>MNIST 数字为 28x28 像素；这个却是 {shape}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CUDA was asked for but no CUDA device is available.</source>
        <translation>指定了 CUDA，但没有可用的 CUDA 设备。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Could not read {path}: {reason}.</source>
        <translation>无法读取 {path}：{reason}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not save weights to {path}: {reason}. Any previous file there is unchanged.</source>
        <translation>无法将权重保存到 {path}：{reason}。该位置原有的文件保持不变。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Padding &apos;same&apos; works with stride 1 only (as in PyTorch); give the padding in pixels.</source>
        <translation>填充 &apos;same&apos; 只适用于步长 1（与 PyTorch 一样）；请以像素数给出填充。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Picture not found: {path}</source>
        <translation>未找到图片：{path}</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>Circular padding of {pad} needs a picture at least as wide and as tall as the padding (this one is {height} × {width}), as in PyTorch: use less padding or another padding mode.</source>
        <translation>与 PyTorch 一样，{pad} 像素的循环填充要求图片的宽和高都不小于填充（这张图片为 {height} × {width}）：请减少填充或换一种填充模式。</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>--out {path} is a folder; give a file name such as {example}.</source>
        <translation>--out {path} 是一个文件夹；请给出文件名，例如 {example}。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Apple&apos;s MPS device was asked for but it is not available on this computer.</source>
        <translation>指定了 Apple 的 MPS 设备，但这台电脑上没有可用的 MPS。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not create the folder {folder}: {reason}.</source>
        <translation>无法创建文件夹 {folder}：{reason}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not open {path}: {reason}.</source>
        <translation>无法打开 {path}：{reason}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not save weights to {path}: it is a folder; choose a file name.</source>
        <translation>无法将权重保存到 {path}：这是一个文件夹；请选择一个文件名。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not save weights to {path}: the folder {folder} does not exist.</source>
        <translation>无法将权重保存到 {path}：文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not save weights to {path}: they hold something that cannot be saved ({kind}). Any previous file there is unchanged.</source>
        <translation>无法将权重保存到 {path}：其中有无法保存的内容（{kind}）。该位置原有的文件保持不变。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not save {filename} in {folder}: {reason}.</source>
        <translation>无法把 {filename} 保存到 {folder}：{reason}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not save {path}: the folder {folder} does not exist.</source>
        <translation>无法保存 {path}：文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not save {path}: {reason}. Any file that was there before is unchanged.</source>
        <translation>无法保存 {path}：{reason}。该位置原有的文件保持不变。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>MNIST Desk cannot train on the {kind!r} device; choose auto, cpu, cuda or mps.</source>
        <translation>MNIST Desk 无法在 {kind!r} 设备上训练；请选择 auto、cpu、cuda 或 mps。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only an 8-bit picture can be saved as {kind}.</source>
        <translation>只有 8 位图片才能保存为 {kind}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reflect padding of {pad} needs a picture wider and taller than the padding (this one is {height} × {width}), as in PyTorch: use less padding or another padding mode.</source>
        <translation>与 PyTorch 一样，{pad} 像素的反射填充要求图片的宽和高都大于填充（这张图片为 {height} × {width}）：请减少填充或换一种填充模式。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>That run has already trained its {epochs} epochs; pass a larger --epochs to continue it.</source>
        <translation>这次训练已经训练完它的 {epochs} 个周期；要继续训练，请给出更大的 --epochs。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>That run has already trained {steps:,} steps, its budget (--max-steps {budget}); pass a larger --max-steps to continue it.</source>
        <translation>这次训练已经训练了 {steps:,} 步，用完了它的步数上限（--max-steps {budget}）；要继续训练，请给出更大的 --max-steps。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The batch size must be at least 1, not {value}.</source>
        <translation>批大小必须至少为 1，而不是 {value}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The convolution result ({height} × {width}) is smaller than the {size}×{size} pooling window.</source>
        <translation>卷积结果（{height} × {width}）小于 {size}×{size} 的池化窗口。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The divisor must be a finite number other than 0.</source>
        <translation>除数必须是不为 0 的有限数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The divisor {divisor:g} is too close to 0: use at least {least:g} either way.</source>
        <translation>除数 {divisor:g} 太接近 0：其绝对值至少应为 {least:g}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The folder {folder} does not exist.</source>
        <translation>文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The folder {folder} of --out does not exist.</source>
        <translation>--out 所在的文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The kernel holds a number that is not finite (NaN or infinity).</source>
        <translation>卷积核中有不是有限数的值（NaN 或无穷大）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The kernel must be a square grid of numbers.</source>
        <translation>卷积核必须是由数值组成的正方形网格。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The kernel must be square; got shape {shape}.</source>
        <translation>卷积核必须是正方形；实际形状为 {shape}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The kernel size must be odd and at most {most}; got {size}×{size}.</source>
        <translation>卷积核大小必须是不超过 {most} 的奇数；实际为 {size}×{size}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The learning rate must be a positive number, not {value}.</source>
        <translation>学习率必须是正数，而不是 {value}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The number of epochs must be at least 1, not {value}.</source>
        <translation>轮数必须至少为 1，而不是 {value}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The offset must be a finite number.</source>
        <translation>偏移必须是有限数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The optimizer state saved with these weights does not fit this network; train it from scratch instead.</source>
        <translation>与这些权重一起保存的优化器状态不适合这个网络；请改为从头训练。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The picture ({height} × {width}) is smaller than the {size}×{size} kernel even with {pad} pixel(s) of padding: add padding (e.g. &apos;same&apos;) or use a larger picture.</source>
        <translation>即使填充 {pad} 个像素，图片（{height} × {width}）仍小于 {size}×{size} 的卷积核：请增加填充（例如 &apos;same&apos;）或使用更大的图片。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The picture ({height} × {width}) is smaller than the {size}×{size} kernel without padding: add padding (e.g. &apos;same&apos;) or use a larger picture.</source>
        <translation>不加填充时，图片（{height} × {width}）小于 {size}×{size} 的卷积核：请增加填充（例如 &apos;same&apos;）或使用更大的图片。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The picture ({height} × {width}) is smaller than the {size}×{size} pooling window.</source>
        <translation>图片（{height} × {width}）小于 {size}×{size} 的池化窗口。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The picture has no pixels.</source>
        <translation>图片没有像素。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The picture is a single flat colour: there is no digit on it.</source>
        <translation>图片是单一的纯色：上面没有数字。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The seed must be a whole number from 0 to {most:,}, not {value}.</source>
        <translation>随机种子必须是 0 到 {most:,} 之间的整数，而不是 {value}。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The {arch} architecture is built with 1 to {limit} filters a layer; these weights declare {count:,}.</source>
        <translation>{arch} 架构每层使用 1 到 {limit} 个卷积核；这些权重声明了 {count:,} 个。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Unknown device {name!r}; choose auto, cpu, cuda (cuda:0, cuda:1 ...) or mps.</source>
        <translation>未知设备 {name!r}；请选择 auto、cpu、cuda（cuda:0、cuda:1 ……）或 mps。</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>{path} is truncated or corrupted: it is not a whole weights file (perhaps an unfinished download or copy).</source>
        <translation>{path} 不完整或已损坏：它不是一个完整的权重文件（也许是没有下载或复制完）。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the disk is read-only</source>
        <translation>磁盘是只读的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the disk or network share could not be read or written (input/output error)</source>
        <translation>磁盘或网络共享无法读写（输入/输出错误）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the disk quota is exceeded</source>
        <translation>超出了磁盘配额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the file is too large for this disk</source>
        <translation>文件对这个磁盘来说太大</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the name is too long</source>
        <translation>名称太长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the network share is gone</source>
        <translation>网络共享已断开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>true or false</source>
        <translation>真或假</translation>
    </message>
    <message>
        <location line="-135"/>
        <source>The {name} must be a whole number of at least {low}; got {value!r}.</source>
        <translation>{name}必须是不小于 {low} 的整数；实际为 {value!r}。</translation>
    </message>
    <message>
        <location line="-120"/>
        <source>--arch {arch} and --layers both name a network: give one of them.</source>
        <translation>--arch {arch} 和 --layers 都指定了网络：只能给出其中一个。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>--init-weights starts a new run from some weights and --resume continues a saved run: give one of them.</source>
        <translation>--init-weights 从某个权重开始新的训练，--resume 继续已保存的训练：请只给出其中一个。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A custom network needs its layer list.</source>
        <translation>自建网络需要它的层列表。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A digit&apos;s label is 0 to 9, not {label!r}.</source>
        <translation>数字的标签是 0 到 9，不是 {label!r}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A saliency map needs the network&apos;s 28×28 input, not an array of shape {shape}.</source>
        <translation>显著图需要网络的 28×28 输入，而不是形状为 {shape} 的数组。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A set named {name!r} already exists: choose it in the list, or another name.</source>
        <translation>名为 {name!r} 的数字集已存在：请在列表中选择它，或换一个名字。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A set needs a name.</source>
        <translation>数字集需要一个名字。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A set&apos;s name cannot hold {characters}: {name!r}.</source>
        <translation>数字集的名字不能包含 {characters}：{name!r}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A set&apos;s name cannot start or end with a dot: {name!r}.</source>
        <translation>数字集的名字不能以点开头或结尾：{name!r}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A set&apos;s name is too long (at most 200 bytes): {name!r}.</source>
        <translation>数字集的名字太长（最多 200 字节）：{name!r}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A {name} layer cannot be worked out here.</source>
        <translation>这里无法逐步算出 {name} 层。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About {millions:,.0f} million multiply-adds per digit: each epoch will take a long time on a CPU (the tutorial&apos;s CNN needs 2.8 million).</source>
        <translation>每个数字约 {millions:,.0f} 百万次乘加：在 CPU 上每个 epoch 都会很慢（教程中的 CNN 需要 280 万次）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot hold out {count} of {total} training digits.</source>
        <translation>无法从 {total} 个训练数字中留出 {count} 个。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not delete {path}: {reason}.</source>
        <translation>无法删除 {path}：{reason}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not download {filename}: the download servers answered with an error or sent damaged files ({reasons}). Try again later, or copy the four files into {folder}.</source>
        <translation>无法下载 {filename}：下载服务器返回了错误或发来了损坏的文件（{reasons}）。请稍后再试，或把这四个文件复制到 {folder}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not download {filename}: the network cannot be reached (no internet connection, or the download servers are blocked). Connect to the internet and try again, or copy the four MNIST files into {folder}.</source>
        <translation>无法下载 {filename}：连不上网络（没有联网，或下载服务器被屏蔽）。请联网后再试，或把四个 MNIST 文件复制到 {folder}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not make the folder {folder}: {reason}.</source>
        <translation>无法创建文件夹 {folder}：{reason}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not move {path} to {folder}: {reason}.</source>
        <translation>无法把 {path} 移到 {folder}：{reason}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not read the folder {folder}: {reason}.</source>
        <translation>无法读取文件夹 {folder}：{reason}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not save into the set {folder}: the folder does not exist (any more).</source>
        <translation>无法保存到数字集 {folder}：该文件夹（已）不存在。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Layer {number} (batchnorm) sees one number per channel for each digit, so it cannot learn from one digit at a time: choose a batch size of 2 or more.</source>
        <translation>第 {number} 层（batchnorm）对每个数字的每个通道只看到一个数，无法一次只从一个数字学习：请把批大小设为 2 或更大。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} (flatten): the numbers are already a flat list; this flatten does nothing.</source>
        <translation>第 {number} 层（flatten）：这些数已经是一维列表；这个 flatten 不起作用。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}) comes after the last layer with weights, so it changes the ten digit scores before the softmax reads them; networks usually end with linear 10.</source>
        <translation>第 {number} 层（{layer}）位于最后一个带权重的层之后，会在 softmax 读取之前改变十个数字的分数；网络通常以 linear 10 结束。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}) comes before the first conv: a network with conv layers starts with one (each conv block reads the digit or the block before it). Move it after layer {conv}, or remove it.</source>
        <translation>第 {number} 层（{layer}）位于第一个卷积层之前：含卷积层的网络必须以卷积层开始（每个卷积块读取数字图像或前一个卷积块）。请把它移到第 {conv} 层之后，或删除它。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}): a conv has 1 to {most} filters here, not {count}.</source>
        <translation>第 {number} 层（{layer}）：这里卷积层的卷积核个数为 1 到 {most}，不能是 {count}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}): a conv needs its number of filters and its kernel size, e.g. conv 6 5x5 pad 2.</source>
        <translation>第 {number} 层（{layer}）：卷积层需要卷积核个数和卷积核大小，例如 conv 6 5x5 pad 2。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}): a linear layer has 1 to {most:,} outputs here, not {count:,}.</source>
        <translation>第 {number} 层（{layer}）：这里全连接层的输出个数为 1 到 {most:,}，不能是 {count:,}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}): a linear layer needs its number of outputs, e.g. linear 10.</source>
        <translation>第 {number} 层（{layer}）：全连接层需要输出个数，例如 linear 10。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}): a linear layer takes a list of numbers, but here are {shape} maps: put flatten before it.</source>
        <translation>第 {number} 层（{layer}）：全连接层的输入是一维的数，而这里是 {shape} 的特征图：请在它前面加 flatten。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}): a network has at most {most} layers here.</source>
        <translation>第 {number} 层（{layer}）：这里的网络最多 {most} 层。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}): a window side is 1 to {most}, not {size}.</source>
        <translation>第 {number} 层（{layer}）：窗口边长为 1 到 {most}，不能是 {size}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}): a {kind} works on maps (channels × height × width), but flatten has already made them a list of {count:,} numbers: move it before flatten.</source>
        <translation>第 {number} 层（{layer}）：{kind}作用于特征图（通道 × 高 × 宽），但 flatten 已经把它们变成了 {count:,} 个数的一维列表：请把它移到 flatten 之前。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}): a {size}×{size} window does not fit in {height}×{width} maps even with the padding ({padded}): the maps would be 0×0. Use a smaller window or pool less before it.</source>
        <translation>第 {number} 层（{layer}）：即使加上填充（{padded}），{size}×{size} 的窗口也放不进 {height}×{width} 的特征图：结果会是 0×0。请用更小的窗口，或在它之前少做池化。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}): a {size}×{size} window does not fit in {height}×{width} maps: they would become 0×0. Use a smaller window, some padding, or pool less before it.</source>
        <translation>第 {number} 层（{layer}）：{size}×{size} 的窗口放不进 {height}×{width} 的特征图：结果会变成 0×0。请用更小的窗口、加一些填充，或在它之前少做池化。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}): dropout drops a fraction from 0 up to (not including) 1, not {p:g}.</source>
        <translation>第 {number} 层（{layer}）：dropout 丢弃的比例从 0 到 1（不含 1），不能是 {p:g}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}): dropout needs the fraction of numbers it drops, e.g. dropout 0.25.</source>
        <translation>第 {number} 层（{layer}）：dropout 需要给出丢弃的比例，例如 dropout 0.25。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}): it would have {count:,} parameters, more than the {most:,} MNIST Desk builds in one layer; make the layer or its input smaller.</source>
        <translation>第 {number} 层（{layer}）：它将有 {count:,} 个参数，超过 MNIST Desk 单层允许的 {most:,} 个；请把这一层或它的输入变小。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}): its output holds {count:,} numbers per digit, more than the {most:,} MNIST Desk trains with; use fewer filters or a larger stride.</source>
        <translation>第 {number} 层（{layer}）：它对每个数字输出 {count:,} 个数，超过 MNIST Desk 训练时允许的 {most:,} 个；请减少卷积核个数或加大步长。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}): pooling needs its window size, e.g. {kind} 2.</source>
        <translation>第 {number} 层（{layer}）：池化需要窗口大小，例如 {kind} 2。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}): the network ends here with {shape} maps, but it must end with ten numbers, one score per digit: add flatten and linear 10.</source>
        <translation>第 {number} 层（{layer}）：网络在这里以 {shape} 的特征图结束，但它必须以十个数结束，每个数字一个分数：请添加 flatten 和 linear 10。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}): the network ends with {count:,} numbers, but it needs exactly ten, one score per digit: add linear 10 at the end.</source>
        <translation>第 {number} 层（{layer}）：网络以 {count:,} 个数结束，但它需要正好十个，每个数字一个分数：请在最后添加 linear 10。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}): the network ends with {count:,} numbers, but it needs exactly ten, one score per digit: make the last linear layer linear 10.</source>
        <translation>第 {number} 层（{layer}）：网络以 {count:,} 个数结束，但它需要正好十个，每个数字一个分数：请把最后一个全连接层改为 linear 10。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}): the network reaches {count:,} parameters here, more than the {most:,} MNIST Desk builds.</source>
        <translation>第 {number} 层（{layer}）：网络到这里已有 {count:,} 个参数，超过 MNIST Desk 允许的 {most:,} 个。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}): the padding is 0 to {most} for a {size}×{size} kernel (with more, the outer outputs would see nothing but zeros).</source>
        <translation>第 {number} 层（{layer}）：{size}×{size} 卷积核的填充为 0 到 {most}（再多的话，最外圈的输出只能看到 0）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}): the stride is 1 to {most}, not {stride}.</source>
        <translation>第 {number} 层（{layer}）：步长为 1 到 {most}，不能是 {stride}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}): windows are square here; write {side}x{side}, not {word}.</source>
        <translation>第 {number} 层（{layer}）：这里的窗口是正方形的；请写 {side}x{side}，而不是 {word}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}): {kind} takes no numbers.</source>
        <translation>第 {number} 层（{layer}）：{kind} 不带数字。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}): {word!r} is not a layer; the layers are {kinds}.</source>
        <translation>第 {number} 层（{layer}）：{word!r} 不是一种层；可用的层有 {kinds}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}): {word!r} is not a whole number; the {what} is one, e.g. 3.</source>
        <translation>第 {number} 层（{layer}）：{word!r} 不是整数；{what}应是整数，例如 3。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}): {word!r} is not a window size; write it as 5x5 (or 5).</source>
        <translation>第 {number} 层（{layer}）：{word!r} 不是窗口大小；请写成 5x5（或 5）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}): {word!r} is not understood here; this layer takes {options}.</source>
        <translation>第 {number} 层（{layer}）：这里无法理解 {word!r}；这一层可以带 {options}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}): {word} is given twice.</source>
        <translation>第 {number} 层（{layer}）：{word} 给出了两次。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} ({layer}): {word} needs a number after it.</source>
        <translation>第 {number} 层（{layer}）：{word} 后面需要一个数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layer {number} is empty: remove the extra comma, or write a layer there.</source>
        <translation>第 {number} 层是空的：请删除多余的逗号，或在那里写一层。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layers {first} and {second} ({a}; {b}): with no activation or max pool between them they add up to one linear step, so the second one adds parameters but no power; put relu between them.</source>
        <translation>第 {first} 层和第 {second} 层（{a}；{b}）：两者之间没有激活函数或最大池化，合起来只是一次线性变换，第二层只增加参数而不增加能力；请在它们之间加 relu。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>MNIST not found in {folder} (missing: {missing}). Get it with `mnist-desk download` or the Download button (needs the internet), or choose another folder (--data-dir, the data folder setting, or MNIST_DESK_DATA).</source>
        <translation>在 {folder} 中未找到 MNIST（缺少：{missing}）。可用 `mnist-desk download` 或“下载”按钮获取（需要联网），或选择另一个文件夹（--data-dir、数据文件夹设置，或 MNIST_DESK_DATA）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only plain convolutions (no groups, no dilation, zero padding) can be worked out here.</source>
        <translation>这里只能逐步算出普通卷积（不分组、无空洞、零填充）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The digit to explain must be 0 to 9, not {value}.</source>
        <translation>要解释的数字必须是 0 到 9，而不是 {value}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The held-out share must be from {low:g} to {high:g} (a fraction of each digit&apos;s pictures), not {value}.</source>
        <translation>留出比例必须在 {low:g} 到 {high:g} 之间（每个数字的图片中的比例），不能是 {value}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The input is not computed: it has no arithmetic.</source>
        <translation>输入不是算出来的：它没有算式。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The loss needs the network&apos;s ten outputs, not {count}.</source>
        <translation>损失需要网络的十个输出，而不是 {count} 个。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The network has no feature map named {name!r}.</source>
        <translation>网络中没有名为 {name!r} 的特征图。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The network has no layers: add some, ending with flatten and linear 10.</source>
        <translation>网络还没有层：请添加一些，并以 flatten 和 linear 10 结束。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The network has no layers: list them, e.g. conv 6 5x5 pad 2, relu, maxpool 2, flatten, linear 10.</source>
        <translation>网络还没有层：请列出它们，例如 conv 6 5x5 pad 2, relu, maxpool 2, flatten, linear 10。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The set is too small to hold out an honest part of it for testing: each digit 0 to 9 needs at least {least} pictures ({held} held out, never trained on, and {trained} to train on). Add {missing} more, of these digits (digit: how many more): {needed}.</source>
        <translation>数字集太小，无法公正地留出一部分用于测试：0 到 9 每个数字至少需要 {least} 张图片（{held} 张留出、从不参与训练，{trained} 张用于训练）。还需再加 {missing} 张，分别是（数字：还需几张）：{needed}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The share of your digits in training must be from {low:g} to {high:g}, not {value}.</source>
        <translation>训练中你的数字所占比例必须在 {low:g} 到 {high:g} 之间，不能是 {value}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The weights file&apos;s &apos;no digit&apos; calibration has an impossible digit count.</source>
        <translation>权重文件中“不是数字”的校准记录了不可能的数字个数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The weights file&apos;s &apos;no digit&apos; calibration has an impossible refusal rate.</source>
        <translation>权重文件中“不是数字”的校准记录了不可能的拒绝率。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The weights file&apos;s &apos;no digit&apos; calibration is not readable.</source>
        <translation>权重文件中“不是数字”的校准无法读取。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The weights file&apos;s &apos;no digit&apos; calibration uses an unknown score {name!r}.</source>
        <translation>权重文件中“不是数字”的校准使用了未知的分数 {name!r}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The weights file&apos;s &apos;no digit&apos; threshold is not a finite number.</source>
        <translation>权重文件中“不是数字”的阈值不是有限的数。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There is no CUDA device {index}: this computer has {count} (cuda:0 to cuda:{last}).</source>
        <translation>没有 CUDA 设备 {index}：这台电脑有 {count} 个（cuda:0 到 cuda:{last}）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>These weights cannot be loaded into the {arch!r} network: their numbers are of a kind it cannot take.</source>
        <translation>这些权重无法载入 {arch!r} 网络：其中数值的类型是它不能接受的。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>These weights declare {count:,} filters in a layer of the {arch!r} architecture, more than the {limit} MNIST Desk builds.</source>
        <translation>这些权重在 {arch!r} 架构的一层中声明了 {count:,} 个卷积核，超过了 MNIST Desk 构建的上限 {limit} 个。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>These weights do not fit any known architecture; closest is {arch!r}: {problems}.</source>
        <translation>这些权重与任何已知架构都不匹配；最接近的是 {arch!r}：{problems}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>These weights do not fit the {arch!r} architecture: {problems}.</source>
        <translation>这些权重与 {arch!r} 架构不匹配：{problems}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This network has no conv layer, so Grad-CAM has no maps to look at: choose integrated gradients or occlusion.</source>
        <translation>这个网络没有卷积层，Grad-CAM 没有特征图可看：请选择积分梯度或遮挡法。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This network has no conv layer, so it has no learned kernels.</source>
        <translation>这个网络没有卷积层，因此没有学到的卷积核。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training stopped at step {step:,}: the loss is no longer a finite number (NaN or infinity), so the learning rate ({lr:g}) is probably too high. No weights were trained before that.</source>
        <translation>训练在第 {step:,} 步停止：损失不再是有限数（NaN 或无穷大），学习率（{lr:g}）很可能太高了。在此之前还没有训练出任何权重。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training stopped at step {step:,}: the loss is no longer a finite number (NaN or infinity), so the learning rate ({lr:g}) is probably too high. The last finite weights, of step {kept:,}, are kept.</source>
        <translation>训练在第 {step:,} 步停止：损失不再是有限数（NaN 或无穷大），学习率（{lr:g}）很可能太高了。已保留最后一组有限的权重（第 {kept:,} 步）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training stopped at step {step:,}: the loss is no longer a finite number (NaN or infinity), so the learning rate ({lr:g}) is probably too high. The last finite weights, of step {kept:,}, are saved in {path}.</source>
        <translation>训练在第 {step:,} 步停止：损失不再是有限数（NaN 或无穷大），学习率（{lr:g}）很可能太高了。最后一组有限的权重（第 {kept:,} 步）已保存到 {path}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown activation {name!r}; choose one of: {choices}.</source>
        <translation>未知的激活函数 {name!r}；请从以下选项中选择：{choices}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown architecture {name!r}; choose one of: {choices}.</source>
        <translation>未知的架构 {name!r}；请从以下选项中选择：{choices}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown augmentation {name!r}; choose one of: {choices}.</source>
        <translation>未知的数据增强 {name!r}；可选：{choices}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown display mode {mode!r}; choose one of: {choices}.</source>
        <translation>未知的显示模式 {mode!r}；请从以下选项中选择：{choices}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown optimizer {name!r}; choose one of: {choices}.</source>
        <translation>未知的优化器 {name!r}；请从以下选项中选择：{choices}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown padding mode {mode!r}; choose one of: {choices}.</source>
        <translation>未知的填充模式 {mode!r}；请从以下选项中选择：{choices}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown padding {padding!r}: give a number of pixels, &apos;same&apos; or &apos;valid&apos;.</source>
        <translation>未知的填充 {padding!r}：请给出像素数、&apos;same&apos; 或 &apos;valid&apos;。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown pooling {kind!r}; choose &apos;max&apos; or &apos;avg&apos;.</source>
        <translation>未知的池化方式 {kind!r}；请选择 &apos;max&apos; 或 &apos;avg&apos;。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown saliency method {name!r}; choose one of: {choices}.</source>
        <translation>未知的显著图方法 {name!r}；可选：{choices}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown schedule {name!r}; choose one of: {choices}.</source>
        <translation>未知的学习率调度 {name!r}；请从以下选项中选择：{choices}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weights file not found: {path}</source>
        <translation>未找到权重文件：{path}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With a batch size of {batch}, the last batch of each epoch holds one digit, which layer {number} (batchnorm) cannot learn from: choose another batch size, e.g. {other}.</source>
        <translation>批大小为 {batch} 时，每个 epoch 的最后一批只有一个数字，第 {number} 层（batchnorm）无法从中学习：请换一个批大小，例如 {other}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hold_out must be 0 or more, not {value}.</source>
        <translation>hold_out 必须大于或等于 0，而不是 {value}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>label_smoothing must be in [0, 1).</source>
        <translation>label_smoothing 必须在 [0, 1) 范围内。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>log_every must be at least 1.</source>
        <translation>log_every 必须至少为 1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>max_steps must be 0 (no budget) or positive, not {value}.</source>
        <translation>max_steps 必须为 0（不限步数）或正数，而不是 {value}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>outlier_weight must be 0 or more, not {value}.</source>
        <translation>outlier_weight 必须大于或等于 0，而不是 {value}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>outliers must be between 0 and 4 non-digits per digit, not {value}.</source>
        <translation>outliers 必须在每个数字 0 到 4 个非数字之间，而不是 {value}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{archive} holds no pictures of digits: a set&apos;s archive holds the folders 0 to 9 with pictures in them.</source>
        <translation>{archive} 中没有数字图片：数字集的压缩包应包含 0 到 9 的文件夹，其中放着图片。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{archive} holds {count:,} files, more than the {limit:,} a set may import.</source>
        <translation>{archive} 含有 {count:,} 个文件，超过了一个数字集可导入的 {limit:,} 个。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{archive} holds {member}, a link: the archive is refused, nothing was imported.</source>
        <translation>{archive} 含有链接 {member}：已拒绝该压缩包，没有导入任何内容。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{archive} holds {member}, a path that would leave the set&apos;s folder: the archive is refused, nothing was imported.</source>
        <translation>{archive} 含有 {member}，这个路径会跑出数字集的文件夹：已拒绝该压缩包，没有导入任何内容。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{archive} would unpack to {size:,} bytes, more than the {limit:,} a set may import: the archive is refused.</source>
        <translation>{archive} 解压后有 {size:,} 字节，超过了一个数字集可导入的 {limit:,} 字节：已拒绝该压缩包。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{archive}: {member} cannot be unpacked (the archive is damaged or encrypted): nothing was imported.</source>
        <translation>{archive}：无法解压 {member}（压缩包已损坏或已加密）：没有导入任何内容。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{archive}: {member} is not a picture: the folder of a digit holds only pictures ({suffixes}).</source>
        <translation>{archive}：{member} 不是图片：数字的文件夹里只能放图片（{suffixes}）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{archive}: {member} is not in a digit&apos;s folder: a set&apos;s archive holds the folders 0 to 9 (perhaps inside one top folder), with pictures in them.</source>
        <translation>{archive}：{member} 不在某个数字的文件夹里：数字集的压缩包应包含 0 到 9 的文件夹（可以放在一个顶层文件夹中），其中放着图片。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{archive}: {member} would unpack to {size:,} bytes, more than the {limit:,} a picture may have: the archive is refused.</source>
        <translation>{archive}：{member} 解压后有 {size:,} 字节，超过了一张图片允许的 {limit:,} 字节：已拒绝该压缩包。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{folder} holds no pictures of digits. A set is a folder with one folder per digit, named 0 to 9, holding pictures of that digit ({example}, …), the layout of torchvision&apos;s ImageFolder.</source>
        <translation>{folder} 中没有数字图片。数字集是一个文件夹，每个数字一个子文件夹，名为 0 到 9，里面放该数字的图片（{example}，…），即 torchvision 的 ImageFolder 布局。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{folder} is not a folder: a set is a folder with the folders 0 to 9 in it.</source>
        <translation>{folder} 不是文件夹：数字集是一个包含 0 到 9 子文件夹的文件夹。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{folder} is not an empty folder: export into a new or empty one.</source>
        <translation>{folder} 不是空文件夹：请导出到新的或空的文件夹。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{folder} is the set itself: choose another folder to import.</source>
        <translation>{folder} 就是这个数字集本身：请选择另一个文件夹导入。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} could not be converted: {error}</source>
        <translation>无法转换 {name}：{error}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} does not end in a picture format this app can save: use .png, or .bmp, .tif, .webp or .jpg (or .npy for the raw numbers).</source>
        <translation>{name} 的扩展名不是本应用能保存的图片格式：请使用 .png，或 .bmp、.tif、.webp、.jpg（原始数值请用 .npy）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} has no pixels.</source>
        <translation>{name} 没有像素。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{option} needs --extra-set DIR, the handwriting set to mix in.</source>
        <translation>{option} 需要 --extra-set DIR，即要混入的手写数字集。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} asks for more memory than this computer has; it is not a weights file MNIST Desk can load.</source>
        <translation>{path} 需要的内存超过了这台电脑所有的；它不是 MNIST Desk 能载入的权重文件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} declares {count:,} filters in a layer of the {arch!r} architecture, more than the {limit} MNIST Desk builds.</source>
        <translation>{path} 在 {arch!r} 架构的一层中声明了 {count:,} 个卷积核，超过了 MNIST Desk 构建的上限 {limit} 个。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} declares {count:,} numbers in all, far beyond any network MNIST Desk builds (at most {limit:,}).</source>
        <translation>{path} 一共声明了 {count:,} 个数值，远远超出 MNIST Desk 构建的任何网络（最多 {limit:,} 个）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} declares {key} with the shape {shape} ({count:,} numbers), far beyond any network MNIST Desk builds (at most {limit:,} numbers a tensor).</source>
        <translation>{path} 声明的 {key} 形状为 {shape}（{count:,} 个数值），远远超出 MNIST Desk 构建的任何网络（每个张量最多 {limit:,} 个数值）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} describes a network that cannot be built: {problem}</source>
        <translation>{path} 描述的网络无法构建：{problem}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} does not fit any known architecture; closest is {arch!r}: {problems}.</source>
        <translation>{path} 与任何已知架构都不匹配；最接近的是 {arch!r}：{problems}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} does not fit the {arch!r} architecture: {problems}.</source>
        <translation>{path} 与 {arch!r} 架构不匹配：{problems}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} has no usable state_dict.</source>
        <translation>{path} 中没有可用的 state_dict。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} holds a {saved} network, which --resume continues as it is: leave out {option} {asked}, or train a new {asked} network without --resume.</source>
        <translation>{path} 中是一个 {saved} 网络，--resume 会按原样继续训练它：请去掉 {option} {asked}，或者不用 --resume，重新训练一个 {asked} 网络。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} holds labels above 9: it is not MNIST&apos;s. Delete it and download MNIST again.</source>
        <translation>{path} 中有大于 9 的标签：它不是 MNIST 的文件。请删除它并重新下载 MNIST。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} holds no digit: the picture is blank or too faint.</source>
        <translation>{path} 中没有数字：图片是空白的或太淡。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} holds no optimizer state or progress; it cannot be resumed (train from scratch instead).</source>
        <translation>{path} 中没有优化器状态或训练进度，无法继续训练（请改为从头训练）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} holds the network {saved}, which --resume continues as it is: leave out --layers, or train the new network without --resume.</source>
        <translation>{path} 保存的网络是 {saved}，--resume 会按原样继续训练它：请去掉 --layers，或不用 --resume 训练新网络。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} holds weights that are not finite numbers (NaN or infinity, in {keys}): the run that saved them diverged. Use other weights, or train again with a smaller learning rate.</source>
        <translation>{path} 中的权重不是有限数（NaN 或无穷大，在 {keys} 中）：保存它们的那次训练发散了。请使用其他权重，或者用更小的学习率重新训练。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} holds {count:,} history records, more than the {limit:,} MNIST Desk reads.</source>
        <translation>{path} 中有 {count:,} 条历史记录，超过了 MNIST Desk 读取的上限 {limit:,} 条。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} holds {key} as complex numbers; weights are real numbers.</source>
        <translation>{path} 中的 {key} 是复数；权重应当是实数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} holds {key} in a form a network cannot use (a sparse, quantized or data-less tensor).</source>
        <translation>{path} 中的 {key} 是网络无法使用的形式（稀疏、量化或没有数据的张量）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is a PyTorch file but not a weights file for MNIST Desk (no state_dict found).</source>
        <translation>{path} 是 PyTorch 文件，但不是 MNIST Desk 的权重文件（未找到 state_dict）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is a file, not a folder: name the folder that holds MNIST/raw (--data-dir, the data folder setting, or MNIST_DESK_DATA).</source>
        <translation>{path} 是文件，不是文件夹：请指定包含 MNIST/raw 的文件夹（--data-dir、数据文件夹设置，或 MNIST_DESK_DATA）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is a folder that is not a digit&apos;s: a set holds only the folders 0 to 9, one per digit.</source>
        <translation>{path} 不是某个数字的文件夹：数字集只包含 0 到 9 的文件夹，每个数字一个。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is a folder, not a picture.</source>
        <translation>{path} 是文件夹，不是图片。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is a folder, not a weights file.</source>
        <translation>{path} 是文件夹，不是权重文件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is a folder; choose a file name.</source>
        <translation>{path} 是文件夹；请选择一个文件名。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is a link to {target}, which does not exist.</source>
        <translation>{path} 是指向 {target} 的链接，而后者不存在。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is a link to {target}, which does not exist. Point it at the real file, or delete it and download MNIST again.</source>
        <translation>{path} 是指向 {target} 的链接，而后者不存在。请让它指向真正的文件，或者删除它并重新下载 MNIST。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is empty (0 bytes).</source>
        <translation>{path} 是空文件（0 字节）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is empty (0 bytes); it is not a weights file.</source>
        <translation>{path} 是空文件（0 字节），不是权重文件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is not a PyTorch weights file.</source>
        <translation>{path} 不是 PyTorch 权重文件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is not a picture this app can read (PNG, JPEG, BMP, GIF, TIFF, WebP ...).</source>
        <translation>{path} 不是本应用能读取的图片（PNG、JPEG、BMP、GIF、TIFF、WebP 等）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is not a picture: the folder of a digit holds only pictures ({suffixes}).</source>
        <translation>{path} 不是图片：数字的文件夹里只能放图片（{suffixes}）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is not a valid MNIST file (expected an IDX file of {count} items, found header {header}). Delete it and download MNIST again.</source>
        <translation>{path} 不是有效的 MNIST 文件（应为包含 {count} 项的 IDX 文件，实际文件头为 {header}）。请删除它并重新下载 MNIST。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is not a valid weights file: its field {field} holds {found} where {expected} belongs.</source>
        <translation>{path} 不是有效的权重文件：它的字段 {field} 中是{found}，而这里应当是{expected}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is not a valid weights file: layer {number} is of the kind {kind!r}, which this version does not know.</source>
        <translation>{path} 不是有效的权重文件：第 {number} 层的类型是 {kind!r}，这个版本不认识。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is not a zip archive (or it is damaged).</source>
        <translation>{path} 不是 zip 压缩包（或已损坏）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is not in a digit&apos;s folder: put each picture in the folder of its digit (0 to 9).</source>
        <translation>{path} 不在某个数字的文件夹里：请把每张图片放进它所属数字的文件夹（0 到 9）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is too large to open safely: more than {limit:,} pixels. Use a smaller picture.</source>
        <translation>{path} 太大，无法安全打开：超过 {limit:,} 像素。请使用更小的图片。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is too large to open safely: {pixels:,} pixels, more than the limit of {limit:,}. Use a smaller picture.</source>
        <translation>{path} 太大，无法安全打开：{pixels:,} 像素，超过上限 {limit:,}。请使用更小的图片。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is too large to open with the memory this computer has left.</source>
        <translation>{path} 太大，这台电脑剩下的内存不够打开它。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is truncated or corrupted ({actual:,} bytes, expected {size:,}). Delete it and download MNIST again.</source>
        <translation>{path} 不完整或已损坏（{actual:,} 字节，应为 {size:,} 字节）。请删除它并重新下载 MNIST。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{path} is truncated or corrupted: its picture data cannot be decoded.</source>
        <translation>{path} 不完整或已损坏：其图像数据无法解码。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is truncated or corrupted: its picture data is damaged and cannot be decoded.</source>
        <translation>{path} 不完整或已损坏：其图片数据已损坏，无法解码。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is truncated or corrupted: the file ends before the picture&apos;s data does; it may be an unfinished download or copy.</source>
        <translation>{path} 不完整或已损坏：文件在图片数据结束前就结束了，可能是未完成的下载或复制。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is {kind}, not a picture file.</source>
        <translation>{path} 是{kind}，不是图片文件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is {kind}, not a weights file.</source>
        <translation>{path} 是{kind}，不是权重文件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} is {kind}, not an MNIST file: MNIST Desk reads only ordinary files there. Replace it with the downloaded file.</source>
        <translation>{path} 是{kind}，不是 MNIST 文件：MNIST Desk 在那里只读取普通文件。请用下载的文件替换它。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} lists {count:,} layers, more than the {limit} MNIST Desk builds.</source>
        <translation>{path} 列出了 {count:,} 层，超过 MNIST Desk 允许的 {limit} 层。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} uses the activation {name!r}, which this version does not know ({known}).</source>
        <translation>{path} 使用的激活函数 {name!r} 是这个版本不认识的（认识的有：{known}）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} uses the architecture {arch!r}, which this version does not know ({known}).</source>
        <translation>{path} 使用的架构 {arch!r} 不为此版本所知（已知的架构：{known}）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} was refused: it contains Python objects or code that a weights file must not hold (only tensors and plain values are allowed). Nothing in it was executed.</source>
        <translation>已拒绝 {path}：其中包含权重文件不应含有的 Python 对象或代码（只允许张量和普通数值）。其中的任何内容都没有被执行。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} was saved in an old PyTorch format that cannot be read safely; save it again with a recent PyTorch (torch.save).</source>
        <translation>{path} 是用旧的 PyTorch 格式保存的，无法安全读取；请用较新的 PyTorch 重新保存（torch.save）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{path} was written by a newer MNIST Desk ({version}); update the app to read it.</source>
        <translation>{path} 由较新版本的 MNIST Desk（{version}）写入；请更新本应用后再读取。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{stage} has no pixel ({channel}, {row}, {col}).</source>
        <translation>{stage} 中没有像素 ({channel}, {row}, {col})。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a device</source>
        <translation>一个设备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a folder</source>
        <translation>一个文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a fraction from 0 to 1</source>
        <translation>0 到 1 之间的小数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a list</source>
        <translation>一个列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a named pipe</source>
        <translation>一个命名管道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a number</source>
        <translation>一个数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a part of the path is not a folder</source>
        <translation>路径中有一部分不是文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a socket</source>
        <translation>一个套接字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a table</source>
        <translation>一个表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a tensor</source>
        <translation>一个张量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a whole number</source>
        <translation>一个整数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an optimizer&apos;s state</source>
        <translation>优化器的状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>conv</source>
        <translation>卷积层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>empty</source>
        <translation>空</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it is a folder</source>
        <translation>它是一个文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no such file or folder</source>
        <translation>没有这个文件或文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not a regular file</source>
        <translation>不是普通文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nothing</source>
        <translation>空值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>number of filters</source>
        <translation>卷积核个数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>number of outputs</source>
        <translation>输出个数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>padding</source>
        <translation>填充</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>permission denied</source>
        <translation>权限不足</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pooling layer</source>
        <translation>池化层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pooling size</source>
        <translation>池化窗口大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pooling stride</source>
        <translation>池化步长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>something else</source>
        <translation>别的东西</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stride</source>
        <translation>步长</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>window side</source>
        <translation>窗口边长</translation>
    </message>
</context>
<context>
    <name>DataFolderWidget</name>
    <message>
        <location filename="../../mnist_desk/ui/data_folder/widget.py" line="+118"/>
        <source>The folder that holds MNIST/raw with the four MNIST files. Empty: $MNIST_DESK_DATA, else your user data folder. You can also drop a folder here.</source>
        <translation>包含 MNIST/raw（内有四个 MNIST 文件）的文件夹。留空：使用 $MNIST_DESK_DATA，否则使用用户数据文件夹。也可以把文件夹拖到这里。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Download MNIST (about 12 MB) into this folder with torchvision</source>
        <translation>用 torchvision 将 MNIST（约 12 MB）下载到此文件夹</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%v of %m files</source>
        <translation>%v / %m 个文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>MNIST data folder:</source>
        <translation>MNIST 数据文件夹：</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Checking {0}…</source>
        <translation>正在检查 {0}…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Choose the MNIST data folder</source>
        <translation>选择 MNIST 数据文件夹</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>MNIST found: 60,000 training + 10,000 test digits</source>
        <translation>已找到 MNIST：60,000 个训练数字 + 10,000 个测试数字</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>MNIST not found in {0}: choose the folder that holds MNIST/raw, or Download it.</source>
        <translation>在 {0} 中未找到 MNIST：请选择包含 MNIST/raw 的文件夹，或点击“下载”。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Could not check the data folder: {0}</source>
        <translation>无法检查数据文件夹：{0}</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Downloading MNIST into {0}…</source>
        <translation>正在将 MNIST 下载到 {0}…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancelling after the current file…</source>
        <translation>将在当前文件完成后取消…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Downloaded {0} ({1} of {2})</source>
        <translation>已下载 {0}（{1} / {2}）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Download cancelled; the files already downloaded are kept.</source>
        <translation>下载已取消；已下载的文件会保留。</translation>
    </message>
</context>
<context>
    <name>DatasetBrowser</name>
    <message>
        <location filename="../../mnist_desk/ui/evaluate/browser.py" line="+50"/>
        <source>Training digits</source>
        <translation>训练集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test digits</source>
        <translation>测试集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>◀ Previous</source>
        <translation>◀ 上一页</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next ▶</source>
        <translation>下一页 ▶</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>page </source>
        <translation>第 </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>digit #</source>
        <translation>数字 #</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show this digit&apos;s pixel values</source>
        <translation>显示此数字的像素值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The data set loads when this page is first shown.</source>
        <translation>首次显示此页面时加载数据集。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Click a digit to see its pixel values; double-click to open it in the Draw tab</source>
        <translation>单击数字查看其像素值；双击在“手写”标签页中打开</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy as the tutorial prints it</source>
        <translation>按教程的输出格式复制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy label, shape and the float32 array, as section 2.3 prints them</source>
        <translation>复制标签、形状和 float32 数组，格式同教程 2.3 节的输出</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>of {0:,}</source>
        <translation>页，共 {0:,} 页</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>#{0}: {1}</source>
        <translation>#{0}：{1}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Training digit</source>
        <translation>训练数字</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Test digit</source>
        <translation>测试数字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} #{1:,} of {2:,}: label {3}</source>
        <translation>{0} #{1:,}（共 {2:,} 个）：标签 {3}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Training digit #{0:,}, labelled {1}</source>
        <translation>训练集第 {0:,} 号数字，标签为 {1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test digit #{0:,}, labelled {1}</source>
        <translation>测试集第 {0:,} 号数字，标签为 {1}</translation>
    </message>
</context>
<context>
    <name>DigitsProgressBar</name>
    <message>
        <location filename="../../mnist_desk/ui/evaluate/tab.py" line="+57"/>
        <source>{0:,} of {1:,} test digits</source>
        <translation>{0:,} / {1:,} 个测试数字</translation>
    </message>
</context>
<context>
    <name>DrawTab</name>
    <message>
        <location filename="../../mnist_desk/ui/draw/tab.py" line="+84"/>
        <source>What the network sees</source>
        <translation>网络看到的输入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inside the network</source>
        <translation>网络内部</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>Cannot open picture</source>
        <translation>无法打开图片</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Picture: {name}</source>
        <translation>图片：{name}</translation>
    </message>
    <message>
        <location line="-116"/>
        <source>Why this answer</source>
        <translation>为何是这个答案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>Opening {name}…</source>
        <translation>正在打开 {name}…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Open a picture of a digit</source>
        <translation>打开数字图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pictures ({patterns});;All files (*)</source>
        <translation>图片 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Pasted picture</source>
        <translation>粘贴的图片</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing to paste</source>
        <translation>没有可粘贴的内容</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The clipboard holds no picture.</source>
        <translation>剪贴板中没有图片。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot use picture</source>
        <translation>无法使用图片</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Cannot save drawing</source>
        <translation>无法保存手写图</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save drawing</source>
        <translation>保存手写图</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG pictures (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loading model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No model loaded — load weights (File → Load weights…) or train one.</source>
        <translation>未加载模型 — 请加载权重（文件 → 加载权重…）或训练一个模型。</translation>
    </message>
</context>
<context>
    <name>DrawTools</name>
    <message>
        <location filename="../../mnist_desk/ui/draw/tools.py" line="+25"/>
        <source>Pen</source>
        <translation>画笔</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Draw (P)</source>
        <translation>绘制 (P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Eraser</source>
        <translation>橡皮擦</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Erase (E); the right mouse button erases too</source>
        <translation>擦除 (E)；鼠标右键也可擦除</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Pen width ([ and ] change it)</source>
        <translation>笔宽（用 [ 和 ] 调整）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pen width</source>
        <translation>笔宽</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Undo the last stroke (Ctrl+Z)</source>
        <translation>撤销上一笔 (Ctrl+Z)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Redo (Ctrl+Shift+Z)</source>
        <translation>重做 (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Clear the canvas (Delete or Esc)</source>
        <translation>清空画布 (Delete 或 Esc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open picture…</source>
        <translation>打开图片…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open a photo or scan of a digit (Ctrl+O)</source>
        <translation>打开数字的照片或扫描件 (Ctrl+O)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save drawing…</source>
        <translation>保存手写图…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save the drawing as a PNG picture</source>
        <translation>将手写图保存为 PNG 图片</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Width</source>
        <translation>笔宽</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>{n} px</source>
        <translation>{n} px</translation>
    </message>
</context>
<context>
    <name>EvaluateSource</name>
    <message>
        <location filename="../../mnist_desk/ui/evaluate/source.py" line="+95"/>
        <source>{done:,} of {total:,} digits of “{set}”</source>
        <translation>“{set}”的 {total:,} 个数字中的 {done:,} 个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading the pictures of “{set}” ({folder})…</source>
        <translation>正在读取“{set}”的图片（{folder}）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done: {right:,} of {total:,} digits of “{set}” recognised ({accuracy:.2f} %). The tutorial prints this as: {first}  {second}</source>
        <translation>完成：“{set}”的 {total:,} 个数字中识别正确 {right:,} 个（{accuracy:.2f} %）。教程的输出为：{first}  {second}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accuracy {accuracy:.2f} % on “{set}”: {wrong:,} of {total:,} digits wrong.</source>
        <translation>在“{set}”上的准确率 {accuracy:.2f} %：{total:,} 个数字中错了 {wrong:,} 个。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{true} → {predicted}
{probability:.0f} %</source>
        <translation>{true} → {predicted}
{probability:.0f} %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}: labelled {true}, read as {predicted} with probability {probability:.1f} %. Click to open it on the canvas.</source>
        <translation>{name}：标签为 {true}，被识别为 {predicted}，概率 {probability:.1f} %。点击可在画布上打开。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count:,} digits {true} of “{set}” recognised correctly (least sure first)</source>
        <translation>“{set}”中 {count:,} 个标签为 {true} 的数字被正确识别（最不确定的在前）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count:,} digits {true} of “{set}” taken for a {predicted} (most confident first)</source>
        <translation>“{set}”中 {count:,} 个标签为 {true} 的数字被误认为 {predicted}（最确信的在前）</translation>
    </message>
</context>
<context>
    <name>EvaluateTab</name>
    <message>
        <location filename="../../mnist_desk/ui/evaluate/tab.py" line="+33"/>
        <source>Evaluate active weights</source>
        <translation>评估当前权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Classify the 10,000 test digits with the active weights (F5)</source>
        <translation>用当前权重对 10,000 个测试数字分类 (F5)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Click a cell of the matrix to see its test digits.</source>
        <translation>点击矩阵中的单元格，查看对应的测试数字。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Click a digit to open it in the Draw tab</source>
        <translation>点击数字即可在“手写”标签页中打开</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Test results</source>
        <translation>测试结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dataset browser</source>
        <translation>数据集浏览</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>No active weights yet: load a weights file, or train and press “Use these weights” in the Train tab.</source>
        <translation>尚无当前权重：请加载权重文件，或在“训练”标签页中训练后点击“使用这些权重”。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>the active weights</source>
        <translation>当前权重</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+22"/>
        <location line="+4"/>
        <source>Evaluating {0}…</source>
        <translation>正在评估 {0}…</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Loading the test digits from {0}…</source>
        <translation>正在从 {0} 加载测试数字…</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Done: {0:,} of {1:,} test digits recognised ({2:.2f} %). The tutorial prints this as: {3}  {4}</source>
        <translation>完成：{1:,} 个测试数字中识别正确 {0:,} 个（{2:.2f} %）。教程的输出为：{3}  {4}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Evaluation cancelled.</source>
        <translation>评估已取消。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Active weights: {0}. Press Evaluate.</source>
        <translation>当前权重：{0}。请点击“评估”。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{0} → {1}
{2:.0f} %</source>
        <translation>{0} → {1}
{2:.0f} %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test digit #{0}: true {1}, predicted {2} with probability {3:.1f} %</source>
        <translation>测试数字 #{0}：真实为 {1}，预测为 {2}，概率 {3:.1f} %</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0:,} test digits {1} recognised correctly (least sure first)</source>
        <translation>{0:,} 个真实为 {1} 的测试数字被正确识别（最不确定的在前）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0:,} test digits {1} taken for a {2} (most confident first)</source>
        <translation>{0:,} 个真实为 {1} 的测试数字被误认为 {2}（最确信的在前）</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+18"/>
        <source>, showing {0:,}</source>
        <translation>，显示 {0:,} 个</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+18"/>
        <source>. Click one to open it in the Draw tab.</source>
        <translation>。点击其中一个可在“手写”标签页中打开。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Test digit #{0:,}, labelled {1}</source>
        <translation>测试集第 {0:,} 号数字，标签为 {1}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Loading MNIST from {0}…</source>
        <translation>正在从 {0} 加载 MNIST…</translation>
    </message>
</context>
<context>
    <name>ExceptionHook</name>
    <message>
        <location filename="../../mnist_desk/ui/exception_hook.py" line="+112"/>
        <source>Something went wrong, but MNIST Desk is still running.

{summary}

The details are in the log: {log}</source>
        <translation>出现了问题，但 MNIST Desk 仍在运行。

{summary}

详细信息见日志：{log}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
</context>
<context>
    <name>ExplainPages</name>
    <message>
        <location filename="../../mnist_desk/ui/explain/pages.py" line="+156"/>
        <source>Draw a digit to see which of its pixels the answer rests on.</source>
        <translation>写一个数字，看看答案取决于它的哪些像素。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The map follows when you lift the pen.</source>
        <translation>抬笔后显著图随之更新。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Making the map…</source>
        <translation>正在生成显著图…</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Taking one step on a copy of the model…</source>
        <translation>正在模型副本上走一步…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The drawing changed meanwhile: take the step again.</source>
        <translation>期间图画已改变：请重新走一步。</translation>
    </message>
</context>
<context>
    <name>FilterArithmetic</name>
    <message>
        <location filename="../../mnist_desk/ui/filter_lab/arithmetic.py" line="+97"/>
        <source>The filter itself got {value}: it works in float32 (about 7 significant digits) and adds up in another order, so the last digits differ.</source>
        <translation>滤波器实际得到 {value}：它以 float32 计算（约 7 位有效数字），相加顺序也不同，所以最后几位不一样。</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+44"/>
        <source>rows {top}–{bottom}, columns {left}–{right}</source>
        <translation>第 {top}–{bottom} 行、第 {left}–{right} 列</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>{heading}: the kernel over the {source} at {where}</source>
        <translation>{heading}：卷积核位于{source}的{where}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>   (* = padding)</source>
        <translation>   （* = 填充）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>under the kernel</source>
        <translation>窗口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kernel</source>
        <translation>卷积核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>products</source>
        <translation>乘积</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sum of the products = {sum}</source>
        <translation>乘积之和 = {sum}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/explain/map_arithmetic.py" line="+101"/>
        <location filename="../../mnist_desk/ui/filter_lab/arithmetic.py" line="+6"/>
        <source>ReLU: max(0, {value}) = {result}</source>
        <translation>ReLU：max(0, {value}) = {result}</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/filter_lab/arithmetic.py" line="+23"/>
        <source>{heading}: {pooling} over the {source} at {where}</source>
        <translation>{heading}：对{source}的{where}做{pooling}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>→ max = {value} (marked *)</source>
        <translation>→ 最大值 = {value}（标 *）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>→ mean = {value}</source>
        <translation>→ 平均值 = {value}</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Result pixel row {row}, column {column} = {value}</source>
        <translation>结果像素第 {row} 行、第 {column} 列 = {value}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Convolution pixel row {row}, column {column}</source>
        <translation>卷积结果像素第 {row} 行、第 {column} 列</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>max pool</source>
        <translation>最大池化</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>average pool</source>
        <translation>平均池化</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>convolution after ReLU</source>
        <translation>经 ReLU 的卷积结果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>convolution result</source>
        <translation>卷积结果</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+18"/>
        <location line="+9"/>
        <source>picture</source>
        <translation>图片</translation>
    </message>
</context>
<context>
    <name>FilterChain</name>
    <message>
        <location filename="../../mnist_desk/ui/filter_lab/controls.py" line="+86"/>
        <source>no padding</source>
        <translation>无填充</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>padding {pixels}</source>
        <translation>填充 {pixels}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (&apos;same&apos;)</source>
        <translation> (&apos;same&apos;)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reflect</source>
        <translation>反射</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>replicate</source>
        <translation>复制边缘</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>circular</source>
        <translation>循环</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>conv {size}×{size}, stride {stride}, {padding}</source>
        <translation>卷积 {size}×{size}，步长 {stride}，{padding}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>, stride {stride}</source>
        <translation>，步长 {stride}</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>max pool</source>
        <translation>最大池化</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>average pool</source>
        <translation>平均池化</translation>
    </message>
</context>
<context>
    <name>FilterDisplay</name>
    <message>
        <location filename="../../mnist_desk/ui/filter_lab/texts.py" line="+70"/>
        <source>Rescaled: {low} → black, {high} → white; below 0 and above 255 still show.</source>
        <translation>线性拉伸：{low} → 黑，{high} → 白；小于 0、大于 255 的值照样显示。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Absolute value: −40 looks like 40, above 255 → white; raw {low} … {high}.</source>
        <translation>绝对值：−40 与 40 显示相同，大于 255 → 白；原始值 {low} … {high}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clipped: below 0 → black, above 255 → white; raw {low} … {high}.</source>
        <translation>截断：小于 0 → 黑，大于 255 → 白；原始值 {low} … {high}。</translation>
    </message>
</context>
<context>
    <name>FilterLabTab</name>
    <message>
        <location filename="../../mnist_desk/ui/filter_lab/tab.py" line="+75"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open a picture: PNG, JPEG, BMP, GIF, TIFF, WebP</source>
        <translation>打开图片：PNG、JPEG、BMP、GIF、TIFF、WebP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Use the picture on the clipboard</source>
        <translation>使用剪贴板中的图片</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sample picture</source>
        <translation>示例图片</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A built-in picture to try filters on</source>
        <translation>内置图片，用来试验各种滤波器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save result…</source>
        <translation>保存结果…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the result as PNG, or its raw numbers as .npy</source>
        <translation>将结果保存为 PNG，或将原始数值保存为 .npy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the whole picture (or double-click it)</source>
        <translation>显示整张图片（或双击图片）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1:1</source>
        <translation>1:1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>One screen pixel per picture pixel</source>
        <translation>每个图片像素对应一个屏幕像素</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom in (or the mouse wheel)</source>
        <translation>放大（或使用鼠标滚轮）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Working</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No picture yet.</source>
        <translation>尚无图片。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filter the colour channels separately</source>
        <translation>分别对颜色通道滤波</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter red, green and blue one by one and show the colour result; off: the grayscale picture, as the tutorial</source>
        <translation>逐一对红、绿、蓝通道滤波并显示彩色结果；关闭时：与教程一样使用灰度图片</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Kernel</source>
        <translation>卷积核</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <location line="+166"/>
        <source>{percent} %</source>
        <translation>{percent} %</translation>
    </message>
    <message>
        <location line="-122"/>
        <source>The clipboard holds no picture and no picture file.</source>
        <translation>剪贴板中没有图片，也没有图片文件。</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>No result: the kernel needs fixing (see its message).</source>
        <translation>没有结果：需要先修正卷积核（见其提示）。</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>There is no result to save yet.</source>
        <translation>还没有可保存的结果。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Opening the picture…</source>
        <translation>正在打开图片…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>dropped picture</source>
        <translation>拖入的图片</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only picture files can be dropped here.</source>
        <translation>这里只能拖入图片文件。</translation>
    </message>
</context>
<context>
    <name>FilterPicture</name>
    <message>
        <location filename="../../mnist_desk/ui/filter_lab/texts.py" line="-48"/>
        <source>sample picture</source>
        <translation>示例图片</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>16-bit values scaled to 0…255 (Pillow&apos;s convert(&apos;L&apos;) would clip them)</source>
        <translation>16 位数值已缩放到 0…255（Pillow 的 convert(&apos;L&apos;) 会将其截断）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>floating-point values mapped to 0…255</source>
        <translation>浮点数值已映射到 0…255</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>transparent areas shown on white</source>
        <translation>透明区域以白色背景显示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CMYK converted to RGB</source>
        <translation>CMYK 已转换为 RGB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>palette colours looked up</source>
        <translation>已按调色板查出颜色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>first frame of {frames}</source>
        <translation>{frames} 帧中的第一帧</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{name} — {height} × {width} pixels (height × width), {kind}</source>
        <translation>{name} — {height} × {width} 像素（高 × 宽），{kind}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{description}.</source>
        <comment>a picture&apos;s description, ended as a sentence</comment>
        <translation>{description}。</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>turned upright as its EXIF orientation says</source>
        <translation>已按 EXIF 方向信息转正</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>grayscale</source>
        <translation>灰度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>colour, each channel filtered on its own</source>
        <translation>彩色，各通道分别滤波</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>colour, shown in grayscale as the tutorial&apos;s convert(&apos;L&apos;)</source>
        <translation>彩色，按教程的 convert(&apos;L&apos;) 以灰度显示</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>; </source>
        <comment>between the parts of a picture&apos;s description</comment>
        <translation>；</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>picture</source>
        <translation>图片</translation>
    </message>
</context>
<context>
    <name>FilterPresets</name>
    <message>
        <location filename="../../build/translation_sources/core_texts.py" line="-284"/>
        <source>Identity</source>
        <translation>恒等</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only the centre counts: the result is the picture itself (minus a border without padding).</source>
        <translation>只有中心起作用：结果就是图片本身（不填充时少一圈边框）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The tutorial&apos;s kernel (its “sobel_kernel”)</source>
        <translation>教程中的卷积核（其“sobel_kernel”）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exactly as the tutorial prints it. Despite that name it is not a Sobel filter: its numbers sum to −16, so it mostly gives −16 × the brightness (a negative of the picture with its edges slightly stressed); with +8 in the centre it would be the outline kernel.</source>
        <translation>与教程打印的完全一致。虽然名叫 sobel，它并不是 Sobel 滤波器：其数值之和为 −16，所以结果主要是 −16 × 亮度（图片的负片，边缘略有增强）；若中心为 +8，它就是轮廓卷积核。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outline (Laplacian, 8 neighbours)</source>
        <translation>轮廓（拉普拉斯，8 邻域）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>+8 in the centre, −1 around: flat areas give 0, edges in every direction stand out.</source>
        <translation>中心 +8，周围 −1：平坦区域得 0，各个方向的边缘都会突出。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Laplacian (4 neighbours)</source>
        <translation>拉普拉斯（4 邻域）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The classic second derivative: up, down, left and right against the centre; flat areas give 0.</source>
        <translation>经典的二阶导数：上、下、左、右与中心相比；平坦区域得 0。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sharpen</source>
        <translation>锐化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The picture plus its outline (5 in the centre, −1 beside it): edges get crisper.</source>
        <translation>图片加上其轮廓（中心 5，上下左右 −1）：边缘更清晰。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Box blur</source>
        <translation>方框模糊</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The average of the 3×3 neighbourhood (nine 1s divided by 9): the blur of the tutorial&apos;s section 1.</source>
        <translation>3×3 邻域的平均值（九个 1 除以 9）：即教程第 1 节中的模糊。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gaussian blur</source>
        <translation>高斯模糊</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A weighted average (1-2-1 × 1-2-1, divided by 16): a softer blur than the box.</source>
        <translation>加权平均（1-2-1 × 1-2-1，除以 16）：比方框模糊更柔和。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gaussian blur 5×5</source>
        <translation>高斯模糊 5×5</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The 5×5 Gaussian (1-4-6-4-1 × 1-4-6-4-1, divided by 256), the size of the model&apos;s own kernels.</source>
        <translation>5×5 高斯核（1-4-6-4-1 × 1-4-6-4-1，除以 256），与模型自身卷积核的大小相同。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sobel x</source>
        <translation>Sobel x</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Brightness change from left to right (a true Sobel filter): positive where it gets brighter to the right.</source>
        <translation>从左到右的亮度变化（真正的 Sobel 滤波器）：向右变亮处为正。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sobel y</source>
        <translation>Sobel y</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Brightness change from top to bottom: positive where it gets brighter downwards.</source>
        <translation>从上到下的亮度变化：向下变亮处为正。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prewitt x</source>
        <translation>Prewitt x</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Like Sobel x with equal weights: left-to-right change, averaged over three rows.</source>
        <translation>类似 Sobel x，但权重相等：从左到右的变化，在三行上取平均。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prewitt y</source>
        <translation>Prewitt y</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Like Sobel y with equal weights: top-to-bottom change, averaged over three columns.</source>
        <translation>类似 Sobel y，但权重相等：从上到下的变化，在三列上取平均。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Emboss</source>
        <translation>浮雕</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lower-right minus upper-left plus the picture: edges look raised, lit from the top left.</source>
        <translation>右下减左上再加上图片：边缘看起来凸起，光从左上方照来。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edge enhance</source>
        <translation>边缘增强</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pillow&apos;s EDGE_ENHANCE: the picture with its outline added at half strength (divided by 2).</source>
        <translation>Pillow 的 EDGE_ENHANCE：图片加上半强度的轮廓（除以 2）。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/filter_lab/kernel_grid.py" line="+103"/>
        <source>{name}: {note}</source>
        <translation>{name}：{note}</translation>
    </message>
</context>
<context>
    <name>FineTuneBox</name>
    <message>
        <location filename="../../mnist_desk/ui/train/fine_tune_box.py" line="+37"/>
        <source>Fine-tune the active weights on my handwriting</source>
        <translation>用我的手写数字微调当前权重</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>How much of every batch is your digits (the rest are MNIST&apos;s, so that what the network knew is kept)</source>
        <translation>每批中你的数字所占的比例（其余是 MNIST 的数字，使网络保留原有的本领）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How much of each digit of your set is held out: never trained on, its accuracy is charted beside MNIST&apos;s</source>
        <translation>数字集中每个数字留出的比例：从不参与训练，其准确率与 MNIST 的并列画在图上</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Set:</source>
        <translation>数字集：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your digits in training:</source>
        <translation>训练中你的数字：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held out to test:</source>
        <translation>留出用于测试：</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>no weights loaded</source>
        <translation>未加载权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{set}” ({total:,} digits), starting from {weights}</source>
        <translation>“{set}”（{total:,} 个数字），从 {weights} 开始</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{trained:,} of your digits to train on, {held:,} held out (never trained on).</source>
        <translation>你的数字中 {trained:,} 个用于训练，{held:,} 个留出（从不参与训练）。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Fine-tuning starts from the active weights: load some first.</source>
        <translation>微调从当前权重开始：请先加载权重。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+12"/>
        <source>fine-tuned on “{set}”</source>
        <translation>在“{set}”上微调</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Reading your handwriting set “{set}”…</source>
        <translation>正在读取你的手写数字集“{set}”…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{weights} {tuned} · {form}</source>
        <translation>{weights} {tuned} · {form}</translation>
    </message>
</context>
<context>
    <name>HandwritingEdits</name>
    <message>
        <location filename="../../mnist_desk/ui/handwriting/edits.py" line="+37"/>
        <source>Delete {count} digit(s)</source>
        <translation>删除 {count} 个数字</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Relabel {count} digit(s) as {digit}</source>
        <translation>把 {count} 个数字改标为 {digit}</translation>
    </message>
</context>
<context>
    <name>HandwritingTab</name>
    <message>
        <location filename="../../mnist_desk/ui/handwriting/tab.py" line="+67"/>
        <source>The active set: the Draw tab adds to it, Evaluate and Train can use it</source>
        <translation>当前数字集：“手写”页往里加数字，“评估”和“训练”页可以使用它</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New set…</source>
        <translation>新建数字集…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open folder…</source>
        <translation>打开文件夹…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use any folder in torchvision&apos;s ImageFolder layout (0/ … 9/) as a set</source>
        <translation>把任何 torchvision ImageFolder 布局（0/ … 9/）的文件夹用作数字集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From a folder…</source>
        <translation>从文件夹…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From a zip archive…</source>
        <translation>从 zip 压缩包…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To a folder…</source>
        <translation>到文件夹…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To a zip archive…</source>
        <translation>到 zip 压缩包…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show folder</source>
        <translation>显示文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the set&apos;s folder in the file manager</source>
        <translation>在文件管理器中打开数字集的文件夹</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Relabel as</source>
        <translation>改标为</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open on canvas</source>
        <translation>在画布上打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Select digits, then: a digit key relabels them, Delete deletes them, Ctrl+Z undoes; Enter or a double-click opens one on the canvas.</source>
        <translation>选中数字后：按数字键改标签，按 Delete 删除，按 Ctrl+Z 撤销；按回车或双击在画布上打开。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Set:</source>
        <translation>数字集：</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>“{set}” has no digits yet ({folder}). Draw one in the Draw tab and add it with its button or Alt+0 … Alt+9.</source>
        <translation>“{set}”中还没有数字（{folder}）。请在“手写”页写一个数字，再用对应按钮或 Alt+0 … Alt+9 加入。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“{set}”: {total:,} digits ({counts}) in {folder}</source>
        <translation>“{set}”：共 {total:,} 个数字（{counts}），位于 {folder}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{count:,} file(s) in this folder cannot be used; the first: {problem}</source>
        <translation>这个文件夹中有 {count:,} 个文件无法使用；第一个：{problem}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Cannot change the set</source>
        <translation>无法修改数字集</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Deleted {count:,} digit(s). Ctrl+Z brings them back.</source>
        <translation>已删除 {count:,} 个数字。按 Ctrl+Z 可恢复。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Relabelled {count:,} digit(s) as {digit}. Ctrl+Z undoes it.</source>
        <translation>已把 {count:,} 个数字改标为 {digit}。按 Ctrl+Z 可撤销。</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <location filename="../../mnist_desk/ui/draw/inspector.py" line="+38"/>
        <source>Use MNIST&apos;s preprocessing</source>
        <translation>使用 MNIST 的预处理</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Crop to the ink, fit 20×20, centre by mass in 28×28. Turn it off to feed the network a plain resize of the whole canvas, and see why it matters.</source>
        <translation>裁剪到笔迹范围，缩放到 20×20 以内，再按质心放在 28×28 的中央。关闭后，网络得到的是整个画布直接缩放的结果，可以看出预处理为何重要。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>1. crop to the ink</source>
        <translation>1. 裁剪到笔迹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>2. fit in 20×20</source>
        <translation>2. 缩放到 20×20</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>3. centred in 28×28</source>
        <translation>3. 居中到 28×28</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>plain resize to 28×28</source>
        <translation>直接缩放到 28×28</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+65"/>
        <source>empty</source>
        <translation>空</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>what the network sees</source>
        <translation>网络看到的输入</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>for comparison</source>
        <translation>仅供对比</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;MNIST&apos;s preprocessing&lt;/b&gt; — {state}</source>
        <translation>&lt;b&gt;MNIST 的预处理&lt;/b&gt; — {state}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Plain resize of the whole canvas&lt;/b&gt; — {state}</source>
        <translation>&lt;b&gt;整个画布直接缩放&lt;/b&gt; — {state}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>MNIST digit: already done</source>
        <translation>MNIST 数字：已预处理</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This MNIST test digit is already a 28×28 network input: it is used as is until you draw over it.</source>
        <translation>这个 MNIST 测试数字已经是 28×28 的网络输入：在你于其上涂写之前，会按原样使用。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Draw a digit to see each step.</source>
        <translation>写一个数字，查看每一步。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The ink&apos;s box, {w}×{h} of the {W}×{H} working picture (width × height) → {fw}×{fh}, its longer side 20 → 28×28 with the centre of mass in the middle.</source>
        <translation>笔迹的外框：在 {W}×{H} 的工作图上为 {w}×{h}（宽 × 高）→ {fw}×{fh}，长边为 20 → 28×28，质心位于中央。</translation>
    </message>
</context>
<context>
    <name>KernelEditor</name>
    <message>
        <location filename="../../mnist_desk/ui/filter_lab/kernel_grid.py" line="+23"/>
        <source>3 × 3</source>
        <translation>3 × 3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>5 × 5</source>
        <translation>5 × 5</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kernel size (the model&apos;s own conv1 kernels are 5 × 5)</source>
        <translation>卷积核大小（模型自身的 conv1 卷积核为 5 × 5）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Presets</source>
        <translation>预设</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fill the grid with a well-known kernel; hover a name for what it does</source>
        <translation>用常见的卷积核填充网格；把鼠标停在名称上可查看其作用</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Size:</source>
        <translation>大小：</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Kernel row {row}, column {column}</source>
        <translation>卷积核第 {row} 行、第 {column} 列</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every sum is divided by this number (leave empty for none)</source>
        <translation>每个和都除以此数（留空表示不除）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Normalise (divide by the sum)</source>
        <translation>归一化（除以总和）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Divide by the sum of the kernel&apos;s numbers when it is not 0, so a blur keeps the picture&apos;s brightness</source>
        <translation>当卷积核各数之和不为 0 时除以该和，使模糊后的图片保持原有亮度</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Added after dividing (128 shows negative results as darker grey)</source>
        <translation>除法之后加上的值（128 会把负值显示为较深的灰色）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Divisor:</source>
        <translation>除数：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Offset:</source>
        <translation>偏移：</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Row {row}, column {column}</source>
        <translation>第 {row} 行、第 {column} 列</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{where}: {reason}</source>
        <translation>{where}：{reason}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>“{text}” is not a finite number; NaN and infinity cannot be used</source>
        <translation>“{text}”不是有限数；不能使用 NaN 和无穷大</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{text}” is too large (at most 1,000,000 either way)</source>
        <translation>“{text}”太大（绝对值最多为 1,000,000）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“{text}” is too close to 0 (at least {smallest} either way)</source>
        <translation>“{text}”太接近 0（绝对值至少为 {smallest}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{text}” could be a thousand or a decimal; write 1000, or 1.5 for a decimal</source>
        <translation>“{text}”既可能是一千，也可能是小数；请写成 1000，小数请写成 1.5 这样</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{text}” is not a number</source>
        <translation>“{text}”不是数字</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>{problem} — the result still shows the last valid kernel.</source>
        <translation>{problem} — 结果仍显示上一个有效的卷积核。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Sum of the numbers: {sum}</source>
        <translation>数值之和：{sum}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Edited; started from: {note}</source>
        <translation>已修改，原为：{note}</translation>
    </message>
    <message>
        <location line="-115"/>
        <source>Divisor</source>
        <translation>除数</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>empty; type a number (0 for nothing)</source>
        <translation>空；请输入一个数（0 表示无）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>0 would divide by zero; leave it empty for no divisor</source>
        <translation>0 会导致除以零；不需要除数时请留空</translation>
    </message>
    <message>
        <location line="+89"/>
        <source> (0: nothing to divide by)</source>
        <translation>（为 0：不作除数）</translation>
    </message>
</context>
<context>
    <name>LabViews</name>
    <message>
        <location filename="../../mnist_desk/ui/filter_lab/views_panel.py" line="+57"/>
        <source>Open a picture, drop one here or paste one.</source>
        <translation>打开图片、拖入图片或粘贴图片。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+72"/>
        <source>The result appears here.</source>
        <translation>结果显示在这里。</translation>
    </message>
    <message>
        <location line="-71"/>
        <source>Picture</source>
        <translation>图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+71"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>red</source>
        <translation>红色</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>green</source>
        <translation>绿色</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>blue</source>
        <translation>蓝色</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The channel whose arithmetic is shown</source>
        <translation>显示哪个通道的计算过程</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Display:</source>
        <translation>显示方式：</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Result — {height} × {width}</source>
        <translation>结果 — {height} × {width}</translation>
    </message>
</context>
<context>
    <name>LayerFields</name>
    <message>
        <location filename="../../mnist_desk/ui/architecture/layer_fields.py" line="+48"/>
        <source>What the layer does; the numbers it shares with the new kind are kept.</source>
        <translation>这一层做什么；与新类型共有的数值会保留。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many kernels the conv learns: one output map each.</source>
        <translation>卷积层学习多少个卷积核：每个卷积核输出一张特征图。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The side of the kernel or of the pooling window.</source>
        <translation>卷积核或池化窗口的边长。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How far the window moves at each step; 2 halves the maps.</source>
        <translation>窗口每一步移动多远；2 会让特征图减半。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows and columns of zeros around the input; (kernel − 1) / 2 keeps the maps&apos; size.</source>
        <translation>在输入四周补 0 的行数和列数；(卷积核 − 1) / 2 可以保持特征图大小不变。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How many numbers the linear layer outputs (10 for the last one: one score per digit).</source>
        <translation>全连接层输出多少个数（最后一层为 10：每个数字一个分数）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The fraction of numbers set to zero at each training step.</source>
        <translation>每个训练步中被置为 0 的数的比例。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Filters:</source>
        <translation>卷积核数(&amp;F)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>K&amp;ernel:</source>
        <translation>卷积核(&amp;E)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>St&amp;ride:</source>
        <translation>步长(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Padding:</source>
        <translation>填充(&amp;P)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Outputs:</source>
        <translation>输出数(&amp;O)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Drop fraction:</source>
        <translation>丢弃比例(&amp;D)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Select a layer to change it, or add one.</source>
        <translation>选中一层来修改它，或添加一层。</translation>
    </message>
</context>
<context>
    <name>LayerKinds</name>
    <message>
        <location filename="../../mnist_desk/ui/architecture/texts.py" line="+17"/>
        <source>Convolution (conv)</source>
        <translation>卷积 (conv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sigmoid</source>
        <translation>Sigmoid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tanh</source>
        <translation>Tanh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max pooling</source>
        <translation>最大池化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average pooling</source>
        <translation>平均池化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch norm</source>
        <translation>批归一化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flatten</source>
        <translation>展平 (flatten)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Linear (fully connected)</source>
        <translation>全连接 (linear)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Slides learned kernels over the maps: one output map per filter (the tutorial&apos;s section 1.1).</source>
        <translation>在特征图上滑动学到的卷积核：每个卷积核输出一张特征图（教程 1.1 节）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>max(0, x) for each number: the tutorial&apos;s activation (2.1).</source>
        <translation>对每个数取 max(0, x)：教程中的激活函数（2.1 节）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 / (1 + e^−x) for each number: the activation the tutorial compares ReLU with.</source>
        <translation>对每个数取 1 / (1 + e^−x)：教程中用来与 ReLU 比较的激活函数。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The hyperbolic tangent of each number, from −1 to 1.</source>
        <translation>每个数的双曲正切，取值在 −1 到 1 之间。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keeps the largest number of each window: smaller maps, no parameters (section 1.2).</source>
        <translation>保留每个窗口中最大的数：特征图变小，没有参数（1.2 节）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keeps the mean of each window (section 1.2).</source>
        <translation>保留每个窗口的平均值（1.2 节）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Normalises each channel over the batch, then scales and shifts it by two learned numbers.</source>
        <translation>在一批数据上对每个通道做归一化，再用两个学到的数缩放和平移。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sets a random fraction of the numbers to zero while training, so the network cannot lean on any one of them.</source>
        <translation>训练时随机把一部分数置为 0，使网络不能依赖其中任何一个。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lays the maps out as one list of numbers, for the linear layers.</source>
        <translation>把特征图排成一维的数，供全连接层使用。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each output is a weighted sum of every input, plus a bias.</source>
        <translation>每个输出都是所有输入的加权和再加上偏置。</translation>
    </message>
</context>
<context>
    <name>LayerPresets</name>
    <message>
        <location line="+6"/>
        <source>Section 1.3 network (4 and 6 kernels, 50 hidden)</source>
        <translation>1.3 节的网络（4 和 6 个卷积核，隐藏层 50）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tutorial CNN (section 2.4)</source>
        <translation>教程 CNN（2.4 节）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fast CNN</source>
        <translation>快速 CNN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Desk CNN</source>
        <translation>Desk CNN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No convolution (fully connected)</source>
        <translation>无卷积（全连接）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The network the tutorial&apos;s section 1.3 walks through: 4 kernels, ReLU, max pool, 6 kernels (4×6), ReLU, max pool, flatten, a fully connected layer, a smaller one, 10 outputs.</source>
        <translation>教程 1.3 节逐层讲解的网络：4 个卷积核、ReLU、最大池化、6 个卷积核（4×6）、ReLU、最大池化、展平、一个全连接层、一个更小的全连接层、10 个输出。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The tutorial&apos;s CNN class: two 5×5 conv blocks of 16 and 32 filters and one linear layer.</source>
        <translation>教程中的 CNN 类：两个分别有 16 和 32 个卷积核的 5×5 卷积块和一个全连接层。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Strided convolutions with batch norm instead of pooling: the quickest to train on a CPU.</source>
        <translation>用带批归一化的步长卷积代替池化：在 CPU 上训练最快。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Three conv blocks with batch norm and dropout, as the shipped weights.</source>
        <translation>三个带批归一化和 Dropout 的卷积块，与随附的权重相同。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only fully connected layers, for comparison: what do the convolutions buy?</source>
        <translation>只有全连接层，用于比较：卷积到底带来了什么？</translation>
    </message>
</context>
<context>
    <name>LayerTable</name>
    <message>
        <location line="+7"/>
        <source>head</source>
        <translation>头部</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{filters} filters × {inputs}×{side}×{side} weights + {filters} biases = {total}</source>
        <translation>{filters} 个卷积核 × {inputs}×{side}×{side} 个权重 + {filters} 个偏置 = {total}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{filters} filters × {inputs}×{side}×{side} weights = {total} (no bias: the batch norm after it shifts anyway)</source>
        <translation>{filters} 个卷积核 × {inputs}×{side}×{side} 个权重 = {total}（没有偏置：其后的批归一化本身会平移）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{outputs} outputs × {inputs} inputs + {outputs} biases = {total}</source>
        <translation>{outputs} 个输出 × {inputs} 个输入 + {outputs} 个偏置 = {total}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{outputs} outputs × {inputs} inputs = {total} (no bias: the batch norm after it shifts anyway)</source>
        <translation>{outputs} 个输出 × {inputs} 个输入 = {total}（没有偏置：其后的批归一化本身会平移）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{channels} scales + {channels} shifts = {total}</source>
        <translation>{channels} 个缩放 + {channels} 个平移 = {total}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No parameters: nothing to learn.</source>
        <translation>没有参数：没有要学习的东西。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} multiply-adds per digit</source>
        <translation>每个数字 {count} 次乘加</translation>
    </message>
</context>
<context>
    <name>LayerTableModel</name>
    <message>
        <location filename="../../mnist_desk/ui/architecture/layer_table.py" line="-144"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Part</source>
        <translation>部分</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Double-click to type the layer, e.g. conv 8 3x3 pad 1.</source>
        <translation>双击可直接输入这一层，例如 conv 8 3x3 pad 1。</translation>
    </message>
</context>
<context>
    <name>LearnedKernelBox</name>
    <message>
        <location filename="../../mnist_desk/ui/filter_lab/learned.py" line="+21"/>
        <source>Use a learned kernel</source>
        <translation>使用学到的卷积核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put one of the active model&apos;s first-layer (conv1) kernels into the grid</source>
        <translation>把当前模型第一层（conv1）的某个卷积核填入网格</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>kernel </source>
        <translation>卷积核 </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Which of the active model&apos;s conv1 kernels to use, counted from 1</source>
        <translation>使用当前模型 conv1 中的第几个卷积核（从 1 开始数）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learned kernel number</source>
        <translation>学习到的卷积核编号</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No model is active yet: load weights or train a model, then its learned 5 × 5 kernels can be tried here.</source>
        <translation>尚无当前模型：加载权重或训练一个模型后，即可在这里试用它学到的 5 × 5 卷积核。</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+33"/>
        <source>the active model</source>
        <translation>当前模型</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>{model} has no conv layer, so it has no learned kernels to try here.</source>
        <translation>{model} 没有卷积层，因此没有可以在这里试用的学到的卷积核。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{model}&apos;s conv1 kernels are {size} × {size}; the grid here takes 3 × 3 and 5 × 5 kernels.</source>
        <translation>{model} 的 conv1 卷积核为 {size} × {size}；这里的网格只接受 3 × 3 和 5 × 5 的卷积核。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} kernels learned by {model} in conv1.</source>
        <translation>{model} 在 conv1 中学到的 {count} 个卷积核。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Learned kernel {number} of {count} from {model}&apos;s conv1. Only the kernel is used: the layer&apos;s bias (or batch norm) is left out, so the numbers differ from the model&apos;s by a shift and a scale; &apos;rescale&apos; shows the pattern it responds to.</source>
        <translation>{model} 的 conv1 中学到的第 {number} 个卷积核（共 {count} 个）。这里只使用卷积核本身：省略了该层的偏置（或批归一化），所以数值与模型中的相差一个平移和缩放；“线性拉伸”可显示它所响应的模式。</translation>
    </message>
</context>
<context>
    <name>LossView</name>
    <message>
        <location filename="../../mnist_desk/ui/explain/loss_view.py" line="+36"/>
        <source>Adam (the tutorial&apos;s)</source>
        <translation>Adam（教程所用）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>You meant:</source>
        <translation>你想写的是：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The drawing is a {digit}</source>
        <translation>这幅图是 {digit}</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learning rate of the step</source>
        <translation>这一步的学习率</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One training step on this drawing</source>
        <translation>在这幅图上训练一步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One gradient step on a copy of the model, towards the digit you meant; the active weights stay as they are</source>
        <translation>在模型的副本上朝你想写的数字走一步梯度下降；当前权重保持不变</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Draw a digit to see its loss.</source>
        <translation>写一个数字，查看它的损失。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draw a digit: its ten outputs appear here, through the softmax.</source>
        <translation>写一个数字：它的十个输出会在这里经过 softmax 显示出来。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Which digit did you mean? The loss measures how far the answer is from it.</source>
        <translation>你想写的是哪个数字？损失衡量答案离它有多远。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loss = −log p({digit}) = −log {p} = &lt;b&gt;{loss}&lt;/b&gt;</source>
        <translation>损失 = −log p({digit}) = −log {p} = &lt;b&gt;{loss}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Softmax: p = e^(z − max z) / Σ, with Σ = {total} (the same as e^z / Σ e^z, without overflowing).</source>
        <translation>Softmax：p = e^(z − max z) / Σ，其中 Σ = {total}（与 e^z / Σ e^z 相同，但不会溢出）。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>One {optimizer} step (learning rate {lr}) on a copy of the model: loss {loss_before} → {loss_after}, p({digit}) {p_before} → {p_after}; no weight moved more than {largest_change}. The active weights are unchanged.</source>
        <translation>在模型副本上走了一步 {optimizer}（学习率 {lr}）：损失 {loss_before} → {loss_after}，p({digit}) {p_before} → {p_after}；任何权重的变化都不超过 {largest_change}。当前权重没有改变。</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>Loss: −log p of the digit meant (*), as the tutorial&apos;s nn.CrossEntropyLoss().</source>
        <translation>损失：想写的数字（标 *）的 −log p，与教程的 nn.CrossEntropyLoss() 相同。</translation>
    </message>
    <message>
        <location line="-104"/>
        <source>(or press 0–9, or click a bar)</source>
        <translation>（或按 0–9，或点击一个概率条）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Say which digit you meant: press 0–9 anywhere in the Draw tab (except in a number field), click a probability bar, or a button here.</source>
        <translation>说出你想写的是哪个数字：在“手写”页的任何地方按 0–9（数字输入框里除外），点击一个概率条，或点这里的按钮。</translation>
    </message>
    <message>
        <location line="+113"/>
        <source>digit</source>
        <translation>数字</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>score z</source>
        <translation>得分 z</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>p = e^(…) / Σ</source>
        <translation>p = e^(…) / Σ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>p after the step</source>
        <translation>走一步后的 p</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="+61"/>
        <source>MNIST Desk</source>
        <translation>MNIST Desk</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Draw</source>
        <translation>手写</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Filter Lab</source>
        <translation>滤波实验室</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My handwriting</source>
        <translation>我的手写</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Drawing saved as {path}</source>
        <translation>手写图已保存为 {path}</translation>
    </message>
    <message>
        <location line="+123"/>
        <source>The weights used last, {path}, are gone: the shipped weights are active.</source>
        <translation>上次使用的权重 {path} 已不存在：现在使用内置权重。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>no weights file at {path}</source>
        <translation>{path} 处没有权重文件</translation>
    </message>
    <message>
        <location line="+41"/>
        <location line="+17"/>
        <source>Cannot load weights</source>
        <translation>无法加载权重</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>{error}

The previous model stays active.</source>
        <translation>{error}

之前的模型仍为当前模型。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loaded {name}</source>
        <translation>已加载 {name}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Load weights</source>
        <translation>加载权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weights files ({patterns});;All files (*)</source>
        <translation>权重文件 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/model_status.py" line="+19"/>
        <source>Weights: {name}</source>
        <translation>权重：{name}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>test accuracy {acc:.2f} %</source>
        <translation>测试准确率 {acc:.2f} %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>test accuracy unknown</source>
        <translation>测试准确率未知</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{weights} ({network})</source>
        <translation>{weights}（{network}）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Loading the shipped weights…</source>
        <translation>正在加载内置权重…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loading {name}…</source>
        <translation>正在加载 {name}…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No model loaded ({why}) — load weights or train one</source>
        <translation>未加载模型（{why}）— 请加载权重或训练一个模型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No model loaded — load weights or train one</source>
        <translation>未加载模型 — 请加载权重或训练一个模型</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/main_window.py" line="+44"/>
        <source>&amp;Save result…</source>
        <translation>保存结果(&amp;S)…</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>&amp;Save drawing…</source>
        <translation>保存手写图(&amp;S)…</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>One picture and one weights file at a time: 1 more file named at start was not opened.</source>
        <translation>一次只能打开一张图片和一个权重文件：启动时指定的另外 1 个文件未打开。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One picture and one weights file at a time: {count} more files named at start were not opened.</source>
        <translation>一次只能打开一张图片和一个权重文件：启动时指定的另外 {count} 个文件未打开。</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Dropped picture</source>
        <translation>拖入的图片</translation>
    </message>
</context>
<context>
    <name>MapArithmetic</name>
    <message>
        <location filename="../../mnist_desk/ui/explain/map_arithmetic.py" line="-77"/>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{source}, channel {channel}</source>
        <translation>{source} 的通道 {channel}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>convolution outputs</source>
        <translation>卷积输出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>batch norm&apos;s outputs</source>
        <translation>批归一化的输出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ReLU&apos;s outputs</source>
        <translation>ReLU 的输出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tanh&apos;s outputs</source>
        <translation>tanh 的输出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sigmoid&apos;s outputs</source>
        <translation>sigmoid 的输出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pooling&apos;s outputs</source>
        <translation>池化的输出</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Step {number}</source>
        <translation>第 {number} 步</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{block} channel {channel} at row {row}, column {column}</source>
        <translation>{block} 通道 {channel} 第 {row} 行、第 {column} 列</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{heading}: each of the {channels} input channels&apos; window × its own kernel, summed (windows at rows {top}–{bottom}, columns {left}–{right} of {source}):</source>
        <translation>{heading}：{channels} 个输入通道各自的窗口 × 各自的卷积核，再求和（窗口位于 {source} 的第 {top}–{bottom} 行、第 {left}–{right} 列）：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>in {channel}: {sum}</source>
        <translation>输入 {channel}：{sum}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sum over the {channels} input channels = {sum}</source>
        <translation>{channels} 个输入通道之和 = {sum}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>+ bias {bias} = {value}</source>
        <translation>+ 偏置 {bias} = {value}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Input channel {channel} in full</source>
        <translation>输入通道 {channel} 的完整算式</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{step}, batch norm: (x − mean) / √(variance + ε) × γ + β</source>
        <translation>{step}，批归一化：(x − 均值) / √(方差 + ε) × γ + β</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>tanh: (e^{value} − e^−{value}) / (e^{value} + e^−{value}) = {result}</source>
        <translation>tanh：(e^{value} − e^−{value}) / (e^{value} + e^−{value}) = {result}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sigmoid: 1 / (1 + e^−{value}) = {result}</source>
        <translation>sigmoid：1 / (1 + e^−{value}) = {result}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{stage}, channel {channel}, row {row}, column {column} = {value}</source>
        <translation>{stage}，通道 {channel}，第 {row} 行、第 {column} 列 = {value}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>= {value}, the network&apos;s own value.</source>
        <translation>= {value}，与网络自身的数值相同。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The network itself has {value}: it works in float32 (about 7 significant digits) and adds up in another order, so the last digits differ.</source>
        <translation>网络自身的数值是 {value}：它用 float32（约 7 位有效数字）计算，求和顺序也不同，所以最后几位不同。</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>(This conv has no bias: the batch norm after it adds its own shift.)</source>
        <translation>（这个卷积没有偏置：其后的批归一化自带平移。）</translation>
    </message>
</context>
<context>
    <name>MapInspector</name>
    <message>
        <location filename="../../mnist_desk/ui/explain/map_inspector.py" line="+47"/>
        <source>← All feature maps</source>
        <translation>← 全部特征图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to every feature map (Esc)</source>
        <translation>返回全部特征图（Esc）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Channel</source>
        <translation>通道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>channel </source>
        <translation>通道 </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Input channel</source>
        <translation>输入通道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>input channel </source>
        <translation>输入通道 </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which of the input channels&apos; kernels to show in full (or click one)</source>
        <translation>完整显示哪个输入通道的卷积核（也可以点击一个）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use in the Filter Lab</source>
        <translation>在滤波实验室中使用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put this kernel into the Filter Lab&apos;s grid and go there</source>
        <translation>把这个卷积核放进滤波实验室的网格并切换过去</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Hover over a pixel of the large map to see how the network computed it, step by step, from its own numbers.</source>
        <translation>把鼠标移到大图的某个像素上，看网络如何用它自己的数值一步步算出它。</translation>
    </message>
    <message>
        <location line="+45"/>
        <location line="+7"/>
        <source> of {count}</source>
        <translation> / {count}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&lt;b&gt;{stage}&lt;/b&gt;, {height}×{width}</source>
        <translation>&lt;b&gt;{stage}&lt;/b&gt;，{height}×{width}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>channel {channel}: {values}</source>
        <translation>通道 {channel}：{values}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{block} reads: the input</source>
        <translation>{block} 读取：输入</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{block} reads: {source}</source>
        <translation>{block} 读取：{source}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>its {size}×{size} kernel (red +, blue −)</source>
        <translation>它的 {size}×{size} 卷积核（红正、蓝负）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its {count} kernels, {size}×{size}, one per input channel (red +, blue −)</source>
        <translation>它的 {count} 个 {size}×{size} 卷积核，每个输入通道一个（红正、蓝负）</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>{model}&apos;s {block} kernel {channel}</source>
        <translation>{model} 的 {block} 第 {channel} 个卷积核</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{model}&apos;s {block} kernel from input channel {source} to output channel {channel}</source>
        <translation>{model} 的 {block} 中从输入通道 {source} 到输出通道 {channel} 的卷积核</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Learned: {kernel}. Only the kernel is used: the layer&apos;s bias (or batch norm) is left out, so the numbers differ from the network&apos;s by a shift and a scale.</source>
        <translation>学到的卷积核：{kernel}。这里只使用卷积核本身：省略了该层的偏置（或批归一化），所以数值与网络中的相差一个平移和缩放。</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>the active model</source>
        <translation>当前模型</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <location filename="../../mnist_desk/ui/menus.py" line="+49"/>
        <source>&amp;Open picture…</source>
        <translation>打开图片(&amp;O)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Paste picture</source>
        <translation>粘贴图片(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Load weights…</source>
        <translation>加载权重(&amp;L)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save drawing…</source>
        <translation>保存手写图(&amp;S)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Clear</source>
        <translation>清空(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About MNIST Desk</source>
        <translation>关于 MNIST Desk(&amp;A)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Next tab</source>
        <translation>下一个标签页(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;revious tab</source>
        <translation>上一个标签页(&amp;R)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
</context>
<context>
    <name>Names</name>
    <message>
        <location filename="../../mnist_desk/ui/names.py" line="+31"/>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>CUDA GPU {0}</source>
        <translation>CUDA GPU {0}</translation>
    </message>
</context>
<context>
    <name>NetworkChoice</name>
    <message>
        <location filename="../../mnist_desk/ui/train/network_choice.py" line="+100"/>
        <source>A built network has its own activations, in its layers.</source>
        <translation>自建网络的激活函数在它自己的层里。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Start waits for a network that can be built: {problem}</source>
        <translation>要能构建网络才能开始：{problem}</translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <location filename="../../mnist_desk/ui/draw/network_view.py" line="+45"/>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Hover over a feature map to see what it is; click it to open it.</source>
        <translation>把鼠标移到特征图上可查看它是什么；点击可打开它。</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Draw a digit to see the feature maps it produces.</source>
        <translation>写一个数字，查看它产生的特征图。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>{stage}, channel {channel} of {channels} ({height}×{width}): values {low} to {high}; here (row {row}, column {column}) {value}.</source>
        <translation>{stage}，通道 {channel} / {channels}（{height}×{width}）：数值 {low} 到 {high}；此处（第 {row} 行、第 {column} 列）为 {value}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Click to open it.</source>
        <translation>点击可打开。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>conv1&apos;s learned kernels appear when a model is loaded.</source>
        <translation>加载模型后，这里会显示 conv1 学到的卷积核。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>conv1&apos;s {n} learned {k}×{k} kernels ({arch}); red positive, blue negative</source>
        <translation>conv1 学到的 {n} 个 {k}×{k} 卷积核（{arch}）；红色为正，蓝色为负</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>conv1&apos;s {n} learned {k}×{k} kernels; red positive, blue negative</source>
        <translation>conv1 学到的 {n} 个 {k}×{k} 卷积核；红色为正，蓝色为负</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&lt;b&gt;Shapes through the network:&lt;/b&gt; {chain}</source>
        <translation>&lt;b&gt;数据在网络中的形状：&lt;/b&gt;{chain}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This architecture pools before the activation: the same numbers as the tutorial&apos;s conv → ReLU → pool, for a quarter of the work.</source>
        <translation>此架构先池化再激活：与教程的 卷积 → ReLU → 池化 得到的数值相同，计算量只有四分之一。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This network has no conv layer: it makes no feature maps, only the lists of numbers its linear layers compute from the 784 pixels.</source>
        <translation>这个网络没有卷积层：它不产生特征图，只有它的全连接层从 784 个像素算出的一维数列。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>no input</source>
        <translation>无输入</translation>
    </message>
</context>
<context>
    <name>PictureIO</name>
    <message>
        <location filename="../../mnist_desk/ui/filter_lab/picture_io.py" line="+90"/>
        <source>Open a picture</source>
        <translation>打开图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pictures ({patterns});;All files (*)</source>
        <translation>图片 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>pasted picture</source>
        <translation>粘贴的图片</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>PNG picture, as shown (*.png)</source>
        <translation>PNG 图片，与显示一致 (*.png)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Raw numbers, float32 NumPy array (*.npy)</source>
        <translation>原始数值，float32 NumPy 数组 (*.npy)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the result</source>
        <translation>保存结果</translation>
    </message>
</context>
<context>
    <name>PixelTable</name>
    <message>
        <location filename="../../mnist_desk/ui/evaluate/pixel_table.py" line="+105"/>
        <source>Pixel values</source>
        <translation>像素值</translation>
    </message>
</context>
<context>
    <name>PredictionPanel</name>
    <message>
        <location filename="../../mnist_desk/ui/draw/prediction_panel.py" line="+37"/>
        <source>low confidence: the best guess has only {p:.0f} %</source>
        <translation>置信度低：最可能的结果也只有 {p:.0f} %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>several separate marks: draw one digit, in one piece</source>
        <translation>有几处互不相连的笔迹：请只写一个连成一体的数字</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no digit: the canvas is empty</source>
        <translation>没有数字：画布是空的</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>this does not look like a digit</source>
        <translation>这看起来不像数字</translation>
    </message>
    <message>
        <location line="+171"/>
        <source>Loading model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Keep drawing…</source>
        <translation>请继续写…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Draw a digit: the prediction appears as you draw.</source>
        <translation>写一个数字：边写边显示预测结果。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>unsure
maybe {digit}</source>
        <translation>不确定
可能是 {digit}</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+11"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Unsure: {why}.</source>
        <translation>不确定：{why}。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>no digit</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No digit: {why}. Draw one digit, 0 to 9.</source>
        <translation>不是数字：{why}。请写一个 0 到 9 的数字。</translation>
    </message>
</context>
<context>
    <name>ProbabilityBars</name>
    <message>
        <location line="-204"/>
        <source>Click the digit you meant to see the loss of your drawing</source>
        <translation>点击你想写的数字，查看这幅图的损失</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <location filename="../../mnist_desk/ui/train/progress_panel.py" line="+38"/>
        <source>{0:.2f} %</source>
        <translation>{0:.2f} %</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>epoch –</source>
        <translation>轮次 –</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>step –</source>
        <translation>步 –</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Time spent training: pauses, and the calibrations a checkpoint waits for, are left out</source>
        <translation>训练所用的时间：不含暂停，也不含检查点等待的校准</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+44"/>
        <source>Test accuracy: –</source>
        <translation>测试准确率：–</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>Not started.</source>
        <translation>尚未开始。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Epoch:</source>
        <translation>轮次：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run:</source>
        <translation>总进度：</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>step %v of %m (%p%)</source>
        <translation>第 %v / %m 步（%p%）</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+21"/>
        <location line="+36"/>
        <source>epoch {0} of {1}: step %v of %m</source>
        <translation>第 {0} / {1} 轮：第 %v / %m 步</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>– images/s on {0}</source>
        <translation>– 张图片/秒（{0}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0:,.0f} images/s on {1}</source>
        <translation>{0:,.0f} 张图片/秒（{1}）</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>trained for {0}, about {1} left</source>
        <translation>已训练 {0}，约剩 {1}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Before fine-tuning: test accuracy {test}, your held-out digits {held}</source>
        <translation>微调前：测试准确率 {test}，你留出的数字 {held}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Test accuracy {0} on all test digits after epoch {1}</source>
        <translation>第 {1} 轮后在全部测试数字上的测试准确率：{0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Test accuracy {0} on a test subset at step {1:,}</source>
        <translation>第 {1:,} 步时在部分测试数字上的测试准确率：{0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>; best epoch so far: {0}</source>
        <translation>；目前最佳轮次：{0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; your held-out digits: {held}</source>
        <translation>；你留出的数字：{held}</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <location filename="../../mnist_desk/ui/qt_texts.py" line="+25"/>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location line="-3"/>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>ResultsPanel</name>
    <message>
        <location filename="../../mnist_desk/ui/evaluate/results.py" line="+30"/>
        <source>No evaluation yet.</source>
        <translation>尚未评估。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What the tutorial&apos;s section 2.6 prints for these weights</source>
        <translation>教程 2.6 节对这些权重的输出</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The active weights changed after this evaluation: evaluate again to see theirs.</source>
        <translation>本次评估后当前权重已更改：请重新评估以查看新权重的结果。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Digit</source>
        <translation>数字</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Wrong</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Per digit: the share of its test digits recognised (recall)</source>
        <translation>每个数字：其测试样本中被正确识别的比例（召回率）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Per-class accuracy:</source>
        <translation>各类别准确率：</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Weights: {0}</source>
        <translation>权重：{0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Accuracy {0:.2f} %: {1:,} of {2:,} test digits wrong.</source>
        <translation>准确率 {0:.2f} %：{2:,} 个测试数字中错了 {1:,} 个。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The digit these weights get wrong most often</source>
        <translation>这些权重最常识别错的数字</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} of {1:,}</source>
        <translation>{0} / {1:,}</translation>
    </message>
</context>
<context>
    <name>RunGuard</name>
    <message>
        <location filename="../../mnist_desk/ui/train/run_guard.py" line="+68"/>
        <source>Start a new run</source>
        <translation>开始新的训练</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>The last run&apos;s newest weights are not saved. Save them before starting a new run?</source>
        <translation>上一次训练的最新权重尚未保存。开始新的训练前要保存吗？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save writes them into {0} and starts the new run; Discard starts it without them.</source>
        <translation>“保存”会把它们写入 {0}，然后开始新的训练；“丢弃”则不保存直接开始。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>A training run is still going. Save its weights before quitting?</source>
        <translation>训练仍在进行。退出前要保存它的权重吗？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save stops it after the current batch and writes its weights into {0}, then quits; Discard stops it and quits without them; Cancel lets it train on.</source>
        <translation>“保存”会在当前批次后停止训练，把权重写入 {0}，然后退出；“丢弃”会停止训练并直接退出；“取消”则让它继续训练。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The last training run&apos;s newest weights are not saved. Save them before quitting?</source>
        <translation>上一次训练的最新权重尚未保存。退出前要保存吗？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save writes them into {0}, then quits; Discard quits without them.</source>
        <translation>“保存”会把它们写入 {0}，然后退出；“丢弃”则不保存直接退出。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit MNIST Desk</source>
        <translation>退出 MNIST Desk</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Cannot restore the training run</source>
        <translation>无法恢复这次训练</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Restore a training run</source>
        <translation>恢复训练</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>MNIST Desk ended while a training run was unsaved. Its automatic checkpoint is kept: restore it in the Train tab?</source>
        <translation>MNIST Desk 上次结束时有一次训练尚未保存，它的自动检查点还在：要在“训练”标签页中恢复它吗？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>It holds the run&apos;s weights and progress as they were at its last epoch end, pause or stop ({0}).</source>
        <translation>其中保存着这次训练在最后一次轮结束、暂停或停止时的权重和进度（{0}）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Later</source>
        <translation>以后再说</translation>
    </message>
</context>
<context>
    <name>SetFiles</name>
    <message>
        <location filename="../../mnist_desk/ui/handwriting/set_files.py" line="+81"/>
        <source>New handwriting set</source>
        <translation>新建手写数字集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name of the new set (one per person, say):</source>
        <translation>新数字集的名字（比如每人一个）：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot make the set</source>
        <translation>无法创建数字集</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Made the set “{set}” in {folder}.</source>
        <translation>已在 {folder} 中创建数字集“{set}”。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open a handwriting set&apos;s folder</source>
        <translation>打开手写数字集的文件夹</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Imported {count:,} digits from {source} into “{set}”.</source>
        <translation>已从 {source} 导入 {count:,} 个数字到“{set}”。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Exported the {count:,} digits of “{set}” to {target}.</source>
        <translation>已把“{set}”的 {count:,} 个数字导出到 {target}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import the digits of a folder</source>
        <translation>导入文件夹中的数字</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import the digits of a zip archive</source>
        <translation>导入 zip 压缩包中的数字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zip archives (*.zip);;All files (*)</source>
        <translation>zip 压缩包 (*.zip);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export the set into an empty folder</source>
        <translation>把数字集导出到空文件夹</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export the set as a zip archive</source>
        <translation>把数字集导出为 zip 压缩包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zip archives (*.zip)</source>
        <translation>zip 压缩包 (*.zip)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Import or export refused</source>
        <translation>导入或导出被拒绝</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
</context>
<context>
    <name>SetGallery</name>
    <message>
        <location filename="../../mnist_desk/ui/handwriting/gallery.py" line="+157"/>
        <source>{name} — double-click or Enter opens it on the canvas</source>
        <translation>{name} — 双击或按回车在画布上打开</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{digit} — {count:,} digits</source>
        <translation>{digit} — {count:,} 个</translation>
    </message>
</context>
<context>
    <name>SourceChooser</name>
    <message>
        <location filename="../../mnist_desk/ui/evaluate/source.py" line="-65"/>
        <source>Evaluate on MNIST&apos;s test digits or on a handwriting set of your own (a folder 0/ … 9/ of pictures, read as the Draw tab reads them)</source>
        <translation>在 MNIST 测试数字上评估，或在你自己的手写数字集上评估（一个包含 0/ … 9/ 图片文件夹的文件夹，按“手写”页的方式读取）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Test on:</source>
        <translation>测试数据：</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>MNIST test digits (10,000)</source>
        <translation>MNIST 测试数字（10,000 个）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My handwriting: “{set}” (the active set)</source>
        <translation>我的手写：“{set}”（当前数字集）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Set “{set}” — {folder}</source>
        <translation>数字集“{set}” — {folder}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Another folder…</source>
        <translation>其他文件夹…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Evaluate on a set&apos;s folder (0/ … 9/)</source>
        <translation>在某个数字集的文件夹（0/ … 9/）上评估</translation>
    </message>
</context>
<context>
    <name>SpecLine</name>
    <message>
        <location filename="../../mnist_desk/ui/architecture/spec_line.py" line="+24"/>
        <source>The layers as text, as &apos;mnist-desk layers&apos; and &apos;mnist-desk train --layers&apos; take them: type or paste a list, e.g. conv 6 5x5 pad 2, relu, maxpool 2, flatten, linear 10.</source>
        <translation>以文字表示的各层，与 “mnist-desk layers” 和 “mnist-desk train --layers” 的写法相同：可以输入或粘贴一个列表，例如 conv 6 5x5 pad 2, relu, maxpool 2, flatten, linear 10。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Layers as text</source>
        <translation>以文字表示的各层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy command</source>
        <translation>复制命令</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the command that trains this network from a terminal</source>
        <translation>复制在终端中训练这个网络的命令</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>That text could not be read, so the layers are unchanged.</source>
        <translation>无法读懂这段文字，所以各层保持不变。</translation>
    </message>
</context>
<context>
    <name>TrainChart</name>
    <message>
        <location filename="../../mnist_desk/ui/train/chart.py" line="+58"/>
        <source>The chart of training loss and test accuracy appears here.</source>
        <translation>训练损失和测试准确率的曲线图会显示在这里。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save every record of the runs on the chart as a CSV file</source>
        <translation>将图表中各次训练的所有记录保存为 CSV 文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear earlier runs</source>
        <translation>清除之前的训练</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the faded curves of earlier runs</source>
        <translation>移除之前训练的淡色曲线</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Earlier runs stay on the chart, faded, for comparison.</source>
        <translation>之前的训练会以淡色保留在图表上，便于对比。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/chart_canvas.py" line="+97"/>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>training loss (log scale)</source>
        <translation>训练损失（对数刻度）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>raw loss</source>
        <translation>原始损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>smoothed loss</source>
        <translation>平滑损失</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>test accuracy (right axis)</source>
        <translation>测试准确率（右轴）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>epoch end</source>
        <translation>轮次结束</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>your held-out digits (right axis)</source>
        <translation>你留出的数字（右轴）</translation>
    </message>
</context>
<context>
    <name>TrainForm</name>
    <message>
        <location filename="../../mnist_desk/ui/names.py" line="-26"/>
        <source>Tutorial CNN</source>
        <translation>教程 CNN</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/form.py" line="+56"/>
        <source>The tutorial&apos;s CNN: two 5×5 conv blocks (16, 32 filters) and a linear layer.</source>
        <translation>教程中的 CNN：两个 5×5 卷积块（16、32 个卷积核）和一个全连接层。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/names.py" line="+1"/>
        <source>Fast CNN</source>
        <translation>快速 CNN</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/form.py" line="+2"/>
        <source>Two strided conv layers (16, 32 filters) with batch norm, no pooling: the quickest to train. 99 % in three epochs with Adam, batch 128 and a one-cycle learning rate of 0.015.</source>
        <translation>两个带步长的卷积层（16、32 个卷积核），带批归一化，不用池化：训练最快。使用 Adam、批大小 128、单周期学习率 0.015，3 轮即达 99 %。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/names.py" line="+1"/>
        <source>Desk CNN</source>
        <translation>桌面 CNN</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/form.py" line="+3"/>
        <source>Three conv blocks with batch norm and dropout (about 90k parameters), as the shipped weights.</source>
        <translation>三个带批归一化和 Dropout 的卷积块（约 90k 个参数），与随附的权重相同。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/names.py" line="+1"/>
        <source>Built layer by layer</source>
        <translation>逐层自建</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sigmoid</source>
        <translation>Sigmoid</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/form.py" line="+10"/>
        <source>The tutorial (2.1) says ReLU converges far faster than Sigmoid: train both and compare them on the chart.</source>
        <translation>教程（2.1 节）说 ReLU 比 Sigmoid 收敛快得多：两个都训练一下，在图表上比较。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+174"/>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <location line="-173"/>
        <source>SGD with momentum 0.9</source>
        <translation>SGD（动量 0.9）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Step size of the optimizer; the tutorial uses 0.001 with Adam.</source>
        <translation>优化器每步更新的幅度；教程中 Adam 使用 0.001。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One-cycle</source>
        <translation>单周期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One-cycle warms the learning rate up to the value above, then anneals it to almost zero by the last step: a short run ends well trained.</source>
        <translation>单周期：先把学习率预热到上面的值，再在最后一步前退火到接近零：短时间训练也能训练充分。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source> steps</source>
        <translation> 步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>epoch ends only</source>
        <translation>仅在每轮结束时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Also measure the accuracy on the first {0:,} test digits this often (the full 10,000 are measured at every epoch end).</source>
        <translation>同时按此间隔在前 {0:,} 个测试数字上测量准确率（每轮结束时都会在全部 10,000 个上测量）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rotate, scale, shift and re-thicken digits</source>
        <translation>旋转、缩放、平移数字并改变笔画粗细</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Random changes to each batch make the network robust to digits drawn with a mouse (training takes a little longer).</source>
        <translation>对每个批次做随机变换，使网络能更好地识别用鼠标写的数字（训练会稍慢一些）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Same seed and settings: the same run again.</source>
        <translation>相同的种子和设置：可完全重现同一次训练。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/names.py" line="+14"/>
        <location filename="../../mnist_desk/ui/train/form.py" line="+1"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/form.py" line="-46"/>
        <source>Your own network, built layer by layer in the Network panel (the tutorial&apos;s section 1.3 network to start with).</source>
        <translation>你自己的网络，在“网络”面板中逐层构建（初始为教程 1.3 节的网络）。</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Tutorial defaults</source>
        <translation>教程默认值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adam, learning rate 0.001, batch size 50, 10 epochs</source>
        <translation>Adam，学习率 0.001，批大小 50，10 轮</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fastest to 99 %</source>
        <translation>最快达到 99 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fast CNN, Adam with a one-cycle learning rate up to 0.015, batch 128, 3 epochs: 99 % test accuracy in about 15 s on a 2-core CPU</source>
        <translation>快速 CNN，Adam 配合单周期学习率（最高 0.015），批大小 128，3 轮：在双核 CPU 上约 15 s 达到 99 % 测试准确率</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Architecture:</source>
        <translation>架构(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A&amp;ctivation:</source>
        <translation>激活函数(&amp;C)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Optimizer:</source>
        <translation>优化器(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Learning rate:</source>
        <translation>学习率(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sc&amp;hedule:</source>
        <translation>调度(&amp;H)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Batch size:</source>
        <translation>批大小(&amp;B)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Epochs:</source>
        <translation>轮数(&amp;E)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Test every:</source>
        <translation>测试间隔(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A&amp;ugmentation:</source>
        <translation>数据增强(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Seed:</source>
        <translation>随机种子(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Device:</source>
        <translation>设备(&amp;D)：</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>The learning rate “{0}” is not a number; type one such as 0.001.</source>
        <translation>学习率“{0}”不是数字；请输入如 0.001 这样的数。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The learning rate must be a positive number up to 10, such as 0.001 (not {0}).</source>
        <translation>学习率必须是不超过 10 的正数，例如 0.001（而不是 {0}）。</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>batch {0}</source>
        <translation>批大小 {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>one-cycle</source>
        <translation>单周期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>augmented</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>CUDA ({0})</source>
        <translation>CUDA ({0})</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/names.py" line="+4"/>
        <location filename="../../mnist_desk/ui/train/form.py" line="+3"/>
        <source>Apple MPS</source>
        <translation>Apple MPS</translation>
    </message>
</context>
<context>
    <name>TrainTab</name>
    <message>
        <location filename="../../mnist_desk/ui/train/tab.py" line="+83"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train a new model with these settings (F5)</source>
        <translation>用这些设置训练一个新模型 (F5)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+197"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="-196"/>
        <source>Pause or resume the run (F6)</source>
        <translation>暂停或继续训练 (F6)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the run after the current batch; it can be resumed later (Shift+F5)</source>
        <translation>在当前批次完成后停止训练；之后可以继续 (Shift+F5)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <location line="+277"/>
        <source>Restored run</source>
        <translation>恢复的训练</translation>
    </message>
    <message>
        <location line="-182"/>
        <source>These weights hold no optimizer state or progress, so their run cannot be resumed.</source>
        <translation>这些权重不含优化器状态和进度，因此无法继续训练。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>That run has already trained {0} epochs: raise Epochs above {0} to train it further.</source>
        <translation>该训练已完成 {0} 轮：将“轮数”调到大于 {0} 才能继续训练。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{0} (resumed)</source>
        <translation>{0}（继续）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Loading MNIST from {0}…</source>
        <translation>正在从 {0} 加载 MNIST…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Building the model…</source>
        <translation>正在构建模型…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_texts.py" line="+19"/>
        <source>{first} {second}</source>
        <translation>{first}{second}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Fine-tuning {network} ({activation}) on {device}: {mnist:,} MNIST digits with {trained:,} of your digits from “{set}” mixed in, each {repeats:,} times an epoch; {held:,} of yours held out, never trained on.</source>
        <translation>正在 {device} 上微调 {network}（{activation}）：{mnist:,} 个 MNIST 数字，混入“{set}”中你的 {trained:,} 个数字，每个每轮出现 {repeats:,} 次；你的 {held:,} 个数字留出，从不参与训练。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Training from step {0:,}: {1} on {3:,} digits, {4}.</source>
        <translation>从第 {0:,} 步开始训练：在 {3:,} 个数字上训练 {1}，{4}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resumed at step {0:,}: training {1} on {3:,} digits, {4}.</source>
        <translation>从第 {0:,} 步继续：在 {3:,} 个数字上训练 {1}，{4}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Resumed at step {0:,}: training {1} ({2}) on {3:,} digits, {4}.</source>
        <translation>从第 {0:,} 步继续：在 {3:,} 个数字上训练 {1}（{2}），{4}。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>(It was trained with {saved}: {optimizer} starts with fresh moments.)</source>
        <translation>（它原先用 {saved} 训练：{optimizer} 的动量从零开始。）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(It keeps the {count:,} digits it held out at its start: it has trained on the others.)</source>
        <translation>（它保留开始时留出的 {count:,} 个数字：其余的它已经训练过。）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>(It had stopped at step {0:,}; its steps are counted again for this run&apos;s settings.)</source>
        <translation>（它原本停在第 {0:,} 步；按这次的设置重新计算了步数。）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(It had stopped in epoch {0} at a step past the end of an epoch with this run&apos;s batch size, so it goes on with epoch {1}.)</source>
        <translation>（它原本停在第 {0} 轮中，按这次的批大小，那一步已超出一轮的末尾，所以从第 {1} 轮继续。）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stopped at step {0:,}. Save the weights, or resume the run later (Resume stopped run).</source>
        <translation>已在第 {0:,} 步停止。可以保存权重，或以后再继续训练（“继续已停止的训练”）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Stopped before any further step: the weights are as they were.</source>
        <translation>在新的一步之前就停止了：权重保持不变。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopped before the first step: nothing was trained, so there is nothing to save or resume.</source>
        <translation>在第一步之前就停止了：什么都没有训练，所以没有可保存或继续的内容。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Finished fine-tuning: your held-out digits {held_before} → {held}, MNIST test accuracy {test_before} → {test}. Save the weights, or use them in every tab.</source>
        <translation>微调完成：你留出的数字 {held_before} → {held}，MNIST 测试准确率 {test_before} → {test}。可以保存权重，或在所有标签页中使用它们。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Calibrating the “no digit” answer on the held-out digits (the first time, their augmented copies are made: a few seconds)…</source>
        <translation>正在用留出的数字校准“不是数字”的判断（第一次还要生成它们的增强副本：需要几秒钟）…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The run pauses when it is done.</source>
        <translation>完成后训练即暂停。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restored the run that was left unsaved: save its weights, or train it further (Resume stopped run).</source>
        <translation>已恢复未保存的训练：可以保存它的权重，或继续训练（“继续已停止的训练”）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(The automatic checkpoint could not be written: {0}. Save the weights yourself.)</source>
        <translation>（无法写入自动检查点：{0}。请自行保存权重。）</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>Training from step {0:,}: {1} ({2}) on {3:,} digits, {4}.</source>
        <translation>从第 {0:,} 步开始训练：在 {3:,} 个数字上训练 {1}（{2}），{4}。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/tab.py" line="+26"/>
        <source>Training run #{0}</source>
        <translation>训练 #{0}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pausing…</source>
        <translation>正在暂停…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Paused. Save the weights now, or Resume.</source>
        <translation>已暂停。现在可以保存权重，或点击“继续”。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stopping after the current batch…</source>
        <translation>将在当前批次完成后停止…</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/run_texts.py" line="+59"/>
        <source>Finished: test accuracy {0}. Save the weights, or use them in every tab.</source>
        <translation>已完成：测试准确率 {0}。可以保存权重，或在所有标签页中使用它们。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/tab.py" line="+44"/>
        <source>Export metrics as CSV</source>
        <translation>将指标导出为 CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Could not export the metrics</source>
        <translation>无法导出指标</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exported {0:,} records to {1}.</source>
        <translation>已将 {0:,} 条记录导出到 {1}。</translation>
    </message>
    <message>
        <location filename="../../mnist_desk/ui/train/network_choice.py" line="-42"/>
        <source>Chart</source>
        <translation>图表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network</source>
        <translation>网络</translation>
    </message>
</context>
<context>
    <name>WeightsPanel</name>
    <message>
        <location filename="../../mnist_desk/ui/train/weights_panel.py" line="+112"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the weights (Ctrl+S); the first time into the weights folder with a name holding the date and accuracy</source>
        <translation>保存权重 (Ctrl+S)；首次保存到权重文件夹，文件名包含日期和准确率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose where to save the weights (Ctrl+Shift+S)</source>
        <translation>选择权重的保存位置 (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep best</source>
        <translation>保留最佳</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At each epoch end, save the weights when the test accuracy is the best of this run</source>
        <translation>每轮结束时，若测试准确率是本次训练中最好的，就保存权重</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Load weights…</source>
        <translation>加载权重…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a weights file to look at its run, resume it or use it</source>
        <translation>打开权重文件，查看其训练过程、继续训练或使用它</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume stopped run</source>
        <translation>继续已停止的训练</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue training these weights where their run stopped (raise Epochs to train a finished run further)</source>
        <translation>从上次停止处继续训练这些权重（调大“轮数”可继续训练已完成的训练）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use these weights</source>
        <translation>使用这些权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make these weights the active model in every tab</source>
        <translation>将这些权重设为所有标签页的当前模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No weights yet: train, or load a weights file.</source>
        <translation>尚无权重：请训练，或加载权重文件。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Training… the weights can be saved at each epoch end, when paused or stopped.</source>
        <translation>训练中…每轮结束时、暂停或停止后可以保存权重。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Training again from step {0:,}… the weights can be saved at each epoch end, when paused or stopped.</source>
        <translation>从第 {0:,} 步继续训练中…每轮结束时、暂停或停止后可以保存权重。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stopped before any further step: the weights are as they were.</source>
        <translation>在新的一步之前就停止了：权重保持不变。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No weights yet: the run stopped before its first step.</source>
        <translation>尚无权重：训练在第一步之前就停止了。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{first} {second}</source>
        <translation>{first}{second}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Epoch {0} done.</source>
        <translation>第 {0} 轮已完成。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paused at step {1:,}, in epoch {0}.</source>
        <translation>在第 {0} 轮的第 {1:,} 步暂停。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopped at step {1:,}, in epoch {0}.</source>
        <translation>在第 {0} 轮的第 {1:,} 步停止。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paused after epoch {0} (step {1:,}).</source>
        <translation>在第 {0} 轮结束后暂停（第 {1:,} 步）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopped after epoch {0} (step {1:,}).</source>
        <translation>在第 {0} 轮结束后停止（第 {1:,} 步）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finished after epoch {0}.</source>
        <translation>第 {0} 轮后完成。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restored the unsaved run at step {1:,} ({0} epochs done).</source>
        <translation>已恢复未保存的训练，停在第 {1:,} 步（已完成 {0} 轮）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Test accuracy at the last epoch end: {0:.2f} %.</source>
        <translation>最近一轮结束时的测试准确率：{0:.2f} %。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+74"/>
        <source>Saved in {0}.</source>
        <translation>已保存到 {0}。</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>Not saved yet.</source>
        <translation>尚未保存。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Best so far ({0:.2f} % at epoch {1}) kept in {2}.</source>
        <translation>目前最佳（第 {1} 轮，{0:.2f} %）已保存在 {2}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Weights (*.pt *.pth *.pkl);;All files (*)</source>
        <translation>权重 (*.pt *.pth *.pkl);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Could not save the weights</source>
        <translation>无法保存权重</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Save weights as</source>
        <translation>权重另存为</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Load weights</source>
        <translation>加载权重</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Could not load the weights</source>
        <translation>无法加载权重</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Loaded {0} ({1}, {2}).</source>
        <translation>已加载 {0}（{1}，{2}）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loaded {0} ({1}, {2}, test accuracy {3:.2f} %).</source>
        <translation>已加载 {0}（{1}，{2}，测试准确率 {3:.2f} %）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Its run can be resumed.</source>
        <translation>可以继续其训练。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It holds no optimizer state, so its run cannot be resumed.</source>
        <translation>其中不含优化器状态，因此无法继续训练。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Could not use these weights</source>
        <translation>无法使用这些权重</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>These weights are now the active model in every tab ({0}).</source>
        <translation>这些权重现已成为所有标签页的当前模型（{0}）。</translation>
    </message>
</context>
<context>
    <name>WhyView</name>
    <message>
        <location filename="../../mnist_desk/ui/explain/why_view.py" line="+36"/>
        <source>Integrated gradients</source>
        <translation>积分梯度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Occlusion</source>
        <translation>遮挡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>How the digit&apos;s score grows, pixel by pixel, as the drawing fades in from a blank canvas; the map adds up to the whole change.</source>
        <translation>图画从空白画布逐渐显现时，该数字的得分如何逐像素增长；整张图加起来正好是总变化。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How much the digit&apos;s probability falls when a 4×4 square of the drawing is rubbed out, shared among that square&apos;s ink.</source>
        <translation>擦掉图画中一个 4×4 方块时该数字的概率下降多少，并分摊到该方块的墨迹上。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Explain:</source>
        <translation>解释：</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+128"/>
        <source>the answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <location line="-127"/>
        <location line="+121"/>
        <source>Which pixels made the network answer as it did</source>
        <translation>哪些像素使网络给出这个答案</translation>
    </message>
    <message>
        <location line="-120"/>
        <source>Why {digit}, or why not {digit}?</source>
        <translation>为什么是 {digit}，或者为什么不是 {digit}？</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>There is no answer to explain: the network says no digit. The map shows the digit it leans to most, the closest digit, {digit} ({p}).</source>
        <translation>没有答案可以解释：网络认为这不是数字。图中显示的是它最倾向的数字，即最接近的数字 {digit}（{p}）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There is no answer to explain: the network says no digit. The map shows {digit} ({p}), the digit you picked.</source>
        <translation>没有答案可以解释：网络认为这不是数字。图中显示的是你选的数字 {digit}（{p}）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;b&gt;{method}&lt;/b&gt;: {explanation}</source>
        <translation>&lt;b&gt;{method}&lt;/b&gt;：{explanation}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>the answer ({digit})</source>
        <translation>答案（{digit}）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the closest digit ({digit})</source>
        <translation>最接近的数字（{digit}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The network says no digit, so there is no answer: explain the digit it leans to most</source>
        <translation>网络认为这不是数字，所以没有答案：解释它最倾向的数字</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>This network has no conv layer: Grad-CAM has no maps to look at.</source>
        <translation>这个网络没有卷积层：Grad-CAM 没有特征图可看。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{method} for {digit}: red pushed {digit} up, blue pushed it down</source>
        <translation>{method}（{digit}）：红色推高 {digit}，蓝色压低它</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{method} for the closest digit, {digit} (no answer: no digit): red pushed {digit} up, blue down</source>
        <translation>{method}（最接近的数字 {digit}；没有答案：不是数字）：红色推高 {digit}，蓝色压低</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{method} for {digit} (no answer: no digit): red pushed {digit} up, blue down</source>
        <translation>{method}（{digit}；没有答案：不是数字）：红色推高 {digit}，蓝色压低</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{method} for {digit} (why not {digit}?): red pushed {digit} up, blue down</source>
        <translation>{method}（{digit}，为什么不是 {digit}？）：红色推高 {digit}，蓝色压低</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The map adds up to {total}: the score of {digit} for this drawing, {score}, minus its score for a blank canvas, {blank} (a score is the number before the softmax).</source>
        <translation>整张图加起来是 {total}：这幅图上 {digit} 的得分 {score}，减去空白画布上的得分 {blank}（得分是 softmax 之前的数）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>p({digit}) = {p}. A value of 0.1 means rubbing out that ink lowered p({digit}) by about 10 points; a negative one, that it raised p({digit}).</source>
        <translation>p({digit}) = {p}。数值 0.1 表示擦掉那处墨迹使 p({digit}) 下降约 10 个百分点；负值表示它使 p({digit}) 上升。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Red and blue add up to {total}: the score of {digit} ({score}, before the softmax) less {rest}, the part that is the same for every drawing (the output layer&apos;s bias).</source>
        <translation>红色和蓝色加起来是 {total}：{digit} 的得分（{score}，softmax 之前）减去 {rest}，即对每幅图都一样的部分（输出层的偏置）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Red and blue add up to {total} of the score of {digit}, {score} (before the softmax); the other {rest} comes from layers that do not split by pixel, so the map is approximate.</source>
        <translation>红色和蓝色加起来是 {digit} 的得分 {score}（softmax 之前）中的 {total}；其余的 {rest} 来自无法按像素拆分的层，所以这张图只是近似。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The map is coarse: each square of the network&apos;s {rows}×{cols} feature maps covers about {height}×{width} input pixels.</source>
        <translation>这张图很粗：网络的 {rows}×{cols} 特征图的每个方格大约覆盖 {height}×{width} 个输入像素。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Check passed: rubbing out the map&apos;s {pixels} strongest pixels (10 % of the ink) takes p({digit}) from {before} to {after}, lower than rubbing out as many random ink pixels does ({random}): the map points at pixels the network relies on.</source>
        <translation>检验通过：擦掉图中最强的 {pixels} 个像素（墨迹的 10 %）使 p({digit}) 从 {before} 降到 {after}，比擦掉同样多的随机墨迹像素（{random}）降得更多：这张图指出了网络所依赖的像素。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check failed: rubbing out the map&apos;s {pixels} strongest pixels (10 % of the ink) takes p({digit}) from {before} to {after}, no lower than rubbing out as many random ink pixels does ({random}): for this drawing the map does not single out the pixels the network relies on.</source>
        <translation>检验未通过：擦掉图中最强的 {pixels} 个像素（墨迹的 10 %）使 p({digit}) 从 {before} 变为 {after}，并不比擦掉同样多的随机墨迹像素（{random}）更低：对这幅图，这张图没有找出网络所依赖的像素。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Row {row}, column {column}: ink {ink}, map {value}</source>
        <translation>第 {row} 行、第 {column} 列：墨迹 {ink}，显著图 {value}</translation>
    </message>
    <message>
        <location line="-209"/>
        <source>Saliency method</source>
        <translation>显著图方法</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>Where the maps of the last conv layer that shrinks them hold evidence for the digit: each map times its gradient, pixel by pixel (the HiResCAM form), scaled up; coarse.</source>
        <translation>最后一个缩小特征图的卷积层的特征图中哪里有支持该数字的证据：每张图逐像素乘以它的梯度（HiResCAM 形式）后放大；粗糙。</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Method:</source>
        <translation>方法：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>what the network sees (28×28)</source>
        <translation>网络看到的输入（28×28）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>empty</source>
        <translation>空</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no map yet</source>
        <translation>尚无显著图</translation>
    </message>
</context>
</TS>
