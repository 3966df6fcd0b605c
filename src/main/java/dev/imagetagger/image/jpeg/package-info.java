/**
 * A JPEG decoder in plain Java that decodes straight to 1/2, 1/4 or 1/8 of the image size ("shrink on load").
 *
 * <p>Why: the classifier needs 256 pixels on the shorter side, and a phone photo has 3000 to 6000. Decoding every
 * pixel and then shrinking spends most of the time and memory on pixels that are thrown away. A JPEG stores each 8x8
 * block as frequencies, so a reduced inverse DCT produces the block at 4x4, 2x2 or 1x1 directly; at 1/8 only the DC
 * coefficient (the block's mean) is used, which touches 1/64 of the pixels of a large photo and skips a progressive
 * file's AC scans altogether. It needs no java.awt or javax.imageio, so it works in a native image without AWT.
 *
 * <p>Supported: baseline and extended sequential (SOF0, SOF1) and progressive (SOF2) Huffman coding, 8-bit samples;
 * 1 component (grey) or 3 (JFIF YCbCr, or RGB by Adobe APP14 transform 0 or component ids 'R', 'G', 'B'); every
 * sampling factor from 1 to 4 with integral ratios (4:4:4, 4:2:2, 4:2:0, 4:4:0, 4:1:1, ...), partial MCUs at the
 * edges; interleaved and single-component scans; restart intervals (the decoder moves to the next marker at each
 * interval and requires it to be a restart marker; its number is not checked). APPn, COM and unknown segments are
 * skipped, and everything after EOI is ignored. At 1/2 and 1/4 each output sample is the exact mean of its 2x2 or
 * 4x4 pixels of the full inverse DCT (computed without them); 4:2:0 chroma is decoded at twice that scale, as libjpeg
 * scales it, and needs no upsampling. At scale 1 the output matches libjpeg's (islow IDCT, fancy
 * upsampling of 2x1, 1x2 and 2x2 chroma, replication of other ratios, integer YCbCr tables). Not done: colour
 * management (an embedded ICC profile is ignored: the samples are taken as sRGB) and libjpeg's block smoothing of
 * progressive files whose last scans leave coefficients incomplete.
 *
 * <p>A caller that reads only part of the image (the classifier's centre crop reads about 58 % of a 4:3 photo) can
 * ask for that region: the blocks no pixel of it needs are entropy-decoded, which is sequential, but not transformed,
 * upsampled or converted. Inside the region the pixels are exactly those of the full decode; outside they are 0.
 *
 * <p>Not supported, with {@link dev.imagetagger.image.jpeg.UnsupportedJpegException} so the caller can fall back to a
 * general decoder: arithmetic coding, lossless and hierarchical JPEG, 12-bit samples, CMYK/YCCK and any component
 * count but 1 or 3, fractional sampling ratios, a height given only by a DNL marker.
 *
 * <p>Broken data (bad markers or tables, truncated or undecodable entropy data) ends in
 * {@link dev.imagetagger.image.CorruptImageException}, as does a file of more than 100 scans. Every loop is bounded by
 * the header's block counts or the data length, and every array is sized from the header, checked before any pixel
 * work; the caller checks the pixel count from {@link dev.imagetagger.image.jpeg.JpegDecoder#readHeader} first.
 */
package dev.imagetagger.image.jpeg;
