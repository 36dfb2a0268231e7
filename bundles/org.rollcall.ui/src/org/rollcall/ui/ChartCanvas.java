package org.rollcall.ui;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.MessageBox;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * A chart of an analysis view: JFreeChart draws it into an image the size of the canvas, which SWT paints. Its
 * context menu saves it as PNG or SVG and copies the numbers behind it as CSV.
 */
public final class ChartCanvas {

    static {
        // JFreeChart draws off screen: AWT must never open its own toolkit beside SWT's
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Size of the saved files when the canvas has never been laid out. */
    private static final int DEFAULT_WIDTH = 900;
    private static final int DEFAULT_HEIGHT = 500;

    private final Canvas canvas;
    private JFreeChart chart;
    private ChartData data;
    private String emptyText = "";
    private Image image;

    public ChartCanvas(Composite parent) {
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.addPaintListener(e -> {
            Rectangle area = canvas.getClientArea();
            if (chart == null || area.width < 10 || area.height < 10) {
                e.gc.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
                e.gc.fillRectangle(area);
                e.gc.drawText(emptyText, 12, 12, true);
                return;
            }
            if (image == null || image.getBounds().width != area.width || image.getBounds().height != area.height) {
                disposeImage();
                image = new Image(canvas.getDisplay(), toImageData(render(area.width, area.height)));
            }
            e.gc.drawImage(image, 0, 0);
        });
        canvas.addListener(SWT.Resize, e -> {
            disposeImage();
            canvas.redraw();
        });
        canvas.addDisposeListener(e -> disposeImage());
        MenuManager menu = new MenuManager();
        menu.add(action("Save Chart as PNG...", () -> saveAs("png")));
        menu.add(action("Save Chart as SVG...", () -> saveAs("svg")));
        menu.add(action("Copy Chart Data as CSV", this::copyData));
        canvas.setMenu(menu.createContextMenu(canvas));
    }

    public Canvas control() {
        return canvas;
    }

    /** Shows a chart and the data behind it. */
    public void show(JFreeChart newChart, ChartData newData) {
        chart = newChart;
        data = newData;
        disposeImage();
        canvas.redraw();
    }

    /** Shows no chart, only a line saying why. */
    public void clear(String why) {
        chart = null;
        data = null;
        emptyText = why;
        disposeImage();
        canvas.redraw();
    }

    public JFreeChart chart() {
        return chart;
    }

    public ChartData data() {
        return data;
    }

    /** Writes the chart as a PNG file the size of the canvas. */
    public void savePng(Path file) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), requireChart(), width(), height());
    }

    /** Writes the chart as an SVG file (vector: for the LCAP document and slides). */
    public void saveSvg(Path file) throws IOException {
        SVGGraphics2D svg = new SVGGraphics2D(width(), height());
        requireChart().draw(svg, new Rectangle2D.Double(0, 0, width(), height()));
        Files.writeString(file, svg.getSVGDocument(), StandardCharsets.UTF_8);
    }

    private JFreeChart requireChart() throws IOException {
        if (chart == null) {
            throw new IOException("There is no chart to save: " + emptyText);
        }
        return chart;
    }

    private int width() {
        int w = canvas.getClientArea().width;
        return w >= 100 ? w : DEFAULT_WIDTH;
    }

    private int height() {
        int h = canvas.getClientArea().height;
        return h >= 100 ? h : DEFAULT_HEIGHT;
    }

    private void saveAs(String extension) {
        if (chart == null) {
            return;
        }
        FileDialog dialog = new FileDialog(canvas.getShell(), SWT.SAVE);
        dialog.setFilterExtensions(new String[] {"*." + extension});
        dialog.setFileName(chart.getTitle() == null ? "chart." + extension
                : chart.getTitle().getText().replaceAll("[^A-Za-z0-9 _-]", "").strip() + "." + extension);
        dialog.setOverwrite(true);
        String chosen = dialog.open();
        if (chosen == null) {
            return;
        }
        try {
            if (extension.equals("svg")) {
                saveSvg(Path.of(chosen));
            } else {
                savePng(Path.of(chosen));
            }
        } catch (IOException | RuntimeException e) {
            MessageBox box = new MessageBox(canvas.getShell(), SWT.ICON_ERROR | SWT.OK);
            box.setText("Chart not saved");
            box.setMessage("Could not write " + chosen + ": " + e.getMessage());
            box.open();
        }
    }

    /** Puts the chart's numbers on the clipboard as CSV. */
    public void copyData() {
        if (data == null) {
            return;
        }
        Clipboard clipboard = new Clipboard(canvas.getDisplay());
        try {
            clipboard.setContents(new Object[] {data.csv()}, new Transfer[] {TextTransfer.getInstance()});
        } finally {
            clipboard.dispose();
        }
    }

    private BufferedImage render(int w, int h) {
        BufferedImage buffer = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = buffer.createGraphics();
        try {
            chart.draw(g, new Rectangle2D.Double(0, 0, w, h));
        } finally {
            g.dispose();
        }
        return buffer;
    }

    private static ImageData toImageData(BufferedImage buffer) {
        int w = buffer.getWidth();
        int h = buffer.getHeight();
        ImageData data = new ImageData(w, h, 24, new PaletteData(0xFF0000, 0x00FF00, 0x0000FF));
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            buffer.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                row[x] &= 0xFFFFFF;
            }
            data.setPixels(0, y, w, row, 0);
        }
        return data;
    }

    private void disposeImage() {
        if (image != null) {
            image.dispose();
            image = null;
        }
    }

    private static Action action(String text, Runnable run) {
        return new Action(text) {
            @Override
            public void run() {
                run.run();
            }
        };
    }
}
