package org.rollcall.ui.tests;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/** Keeps a picture of a window for a person to look at after the build. */
final class Screenshot {

    private Screenshot() {
    }

    static void save(Shell shell, Path png) throws Exception {
        Files.createDirectories(png.getParent());
        Display display = shell.getDisplay();
        // GTK paints on its frame clock: keep the loop running a moment so the screen shows the latest state
        UiWait.pause(1500);
        shell.update();
        // from the top of the menu bar to the bottom of the client area: without a window manager the shell's
        // bounds count a title bar that is not drawn
        Point top = shell.getLocation();
        Rectangle client = display.map(shell, null, shell.getClientArea());
        Rectangle area = new Rectangle(top.x, top.y, client.width, client.y + client.height - top.y);
        Image image = new Image(display, area.width, area.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, area.x, area.y);
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] {image.getImageData()};
            loader.save(png.toString(), SWT.IMAGE_PNG);
        } finally {
            gc.dispose();
            image.dispose();
        }
    }
}
