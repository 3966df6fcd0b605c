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
 * <p>How a decode runs: {@link dev.imagetagger.image.jpeg.JpegDecoder} reads the segments; at the frame header it
 * makes one immutable {@code DecodePlan} from the frame, the scale and the region (the output size, and per
 * component the block scale, IDCT size, plane size, upsampling ratios and blocks read, as libjpeg's
 * jpeg_calc_output_dimensions decides them); {@code ScanDecoder} decodes each scan into the component planes as the
 * plan says; {@code Upsampler} and {@code ColorConverter} turn the planes into the output's RGB or grey samples.
 * {@code Component} holds only the frame's geometry, {@code ComponentState} what decoding builds up.
 *
 * <p>Glossary: the names used here, and what ITU-T T.81 (ISO/IEC 10918-1) calls them.
 * <ul>
 * <li>frame: the SOFn header and what it describes (B.2.2): size X x Y, precision P, components Ci with sampling
 * factors Hi, Vi and quantisation table Tqi ({@code Component}).</li>
 * <li>MCU: minimum coded unit (A.2), Hmax x Vmax blocks of 8x8 in an interleaved scan ({@code mcusAcross},
 * {@code mcusDown}), one block in a scan of one component.</li>
 * <li>scan: an SOS header and its entropy-coded data (B.2.3). {@code spectralStart} and {@code spectralEnd} are Ss
 * and Se, the band of coefficients (in zig-zag order, A.3.6) the scan codes; {@code approximationLow} is Al, the
 * bit position of a successive-approximation scan, and Ah (its previous Al) tells a first scan (0) from a
 * refinement (B.2.3, G.1.1).</li>
 * <li>{@code dcPredictor}: PRED, the previous block's DC coefficient, to which each coded difference DIFF is added
 * (F.2.2.1); reset to 0 at the start of each scan and restart interval (F.2.1.3.1).</li>
 * <li>{@code endOfBandRun}: EOBRUN, the count of further blocks an EOBn code ends the band of, in progressive AC
 * scans (G.1.2.2).</li>
 * <li>{@code restartInterval}: Ri, the MCUs between restart markers RSTm, from the DRI segment (B.2.4.4); decoding
 * restarts at each (E.2.4).</li>
 * <li>{@code HuffmanTable}: a DHT table (B.2.4.2), codes built as Annex C; {@code maxCode} is MAXCODE (F.2.2.3). An
 * AC symbol RRRRSSSS is a run of zeros and the size of the value that follows (F.1.2.2.1); ZRL (0xF0) is a run of
 * 16 zeros, EOB (0x00) ends the block.</li>
 * <li>quantisation table: a DQT table (B.2.4.1), Qk in natural order here; dequantisation is A.3.4.</li>
 * <li>{@code ScaledIdct}: the inverse DCT (A.3.3), here to 8x8, 4x4, 2x2 or 1x1; natural order is row-major,
 * {@code CodingTables.NATURAL_ORDER} maps zig-zag to it.</li>
 * <li>block scale: the scale a component's blocks are decoded at; 4:2:0 chroma at 1/2 and 1/4 is decoded at twice
 * the image's scale ({@code ComponentPlan}). Not a T.81 notion (T.81 decodes at full size).</li>
 * <li>occupied mask: which rows and columns of a block hold a non-zero AC coefficient, so the inverse DCT skips the
 * empty ones ({@code Occupied}). Not a T.81 notion.</li>
 * </ul>
 *
 * <p>Broken data (bad markers or tables, truncated or undecodable entropy data) ends in
 * {@link dev.imagetagger.image.CorruptImageException}, as does a file of more than 100 scans. A block whose run of
 * zeros carries a coefficient past the 64th (or past a progressive scan's band) is decoded as libjpeg decodes it:
 * the value is stored at that position, the 64th at most, and the band ends there; so is a refinement scan's new
 * coefficient coded with a size other than 1, read as 1. Every loop is bounded by the header's block counts or the
 * data length, and every array is sized from the header, checked before any pixel work; the caller checks the pixel
 * count from {@link dev.imagetagger.image.jpeg.JpegDecoder#readHeader} first.
 */
package dev.imagetagger.image.jpeg;
