/**
 * A PNG decoder that streams rows instead of holding the image: it inflates and unfilters one scanline at a time,
 * keeping only the previous and the current raw row, so its memory grows with the width and never with the pixel
 * count (ImageIO holds the whole raster: half a gigabyte for a 62 MP 16-bit RGBA image that is a 0.5 MB file). A
 * decompression bomb costs only the time of the rows actually read.
 * <p>
 * Plain Java ({@link java.util.zip.Inflater}, no AWT), so it also runs in a native image without AWT. Rows come out as
 * the ImageIO path ({@code PixelRows} over {@code ImageIO.read}) reads them, exactly: colour channels without alpha,
 * 16-bit colour rounded to 8 bits as the colour model does, grey (also 16-bit) as samples scaled to [0, 255], palette
 * entries without tRNS and black for indices beyond the palette.
 * Ancillary chunks (gAMA, iCCP, tRNS, text...) and CRCs are ignored, as ImageIO effectively does.
 * <p>
 * Interlaced (Adam7) images cannot be read one row at a time without the whole image: {@link PngDecoder#open} throws
 * {@link UnsupportedPngException} for them, and the caller decodes them with ImageIO instead.
 */
package dev.imagetagger.image.png;
