package org.vidshare.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.jcodec.api.FrameGrab;
import org.jcodec.api.JCodecException;
import org.jcodec.common.SeekableDemuxerTrack;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Picture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A poster from the keyframe at or before a given second, decoded by jcodec (H.264 and the other
 * codecs jcodec reads) and shrunk to at most {@link #MAX_WIDTH} pixels wide, as JPEG bytes.
 * Callers give it only files {@link Mp4Probe} accepted, so jcodec's own container parsing stays
 * inside the probe's bounds, and the stream {@link Mp4Probe#videoStream} found, whose parameter
 * sets are checked before jcodec decodes.
 */
final class PosterFrame {
    static final int MAX_WIDTH = 320;
    private static final Logger LOG = LoggerFactory.getLogger(PosterFrame.class);
    private static final int QUALITY = 80;

    private PosterFrame() {
    }

    /**
     * The JPEG and its size, or empty when jcodec cannot decode the video track, or could not
     * within this JVM's memory ({@link H264Budget}: checked before jcodec reads a parameter set).
     */
    static Optional<Poster> at(Path movie, MovieBox.VideoStream stream, double second) throws IOException {
        long pixelLimit = H264Budget.pixelLimit();
        try {
            if (!stream.codec().equals("h264") || stream.avcC() == null || stream.sampleEntries() != 1) {
                // jcodec's grabber decodes H.264 only; a second configuration would reach it unchecked.
                return Optional.empty();
            }
            H264Budget.checkStream(stream.avcC(), stream.largestSample(), pixelLimit);
        } catch (H264ParameterSets.Refused refused) {
            LOG.info("no jcodec poster for {}: {}", movie.getFileName(), refused.getMessage());
            return Optional.empty();
        }
        Picture picture;
        try (SeekableByteChannel channel = NIOUtils.readableChannel(movie.toFile())) {
            FrameGrab grab = FrameGrab.createFrameGrab(channel);
            grab.seekToSecondSloppy(second);
            SeekableDemuxerTrack track = grab.getVideoTrack();
            long frame = track.getCurFrame();
            Packet sample = track.nextFrame();
            if (sample == null) {
                return Optional.empty();
            }
            H264Budget.checkPacket(sample.getData(), pixelLimit); // parameter sets may also come in-band
            track.gotoFrame(frame);
            picture = grab.getNativeFrame();
        } catch (H264ParameterSets.Refused refused) {
            LOG.info("no jcodec poster for {}: {}", movie.getFileName(), refused.getMessage());
            return Optional.empty();
        } catch (JCodecException | RuntimeException e) {
            // jcodec throws unchecked exceptions for streams it cannot read (unsupported profile...).
            return Optional.empty();
        }
        if (picture == null || picture.getLowBitsNum() > 0) {
            return Optional.empty();
        }
        return planesOf(picture).map(planes -> new Poster(JpegWriter.encode(planes, QUALITY), planes.width(), planes.height()));
    }

    /** The picture's visible area, box-filtered down to the poster's size, in full-range YCbCr. */
    static Optional<JpegWriter.Planes> planesOf(Picture picture) {
        ColorSpace color = picture.getColor();
        boolean limitedRange;
        if (color == ColorSpace.YUV420 || color == ColorSpace.YUV422 || color == ColorSpace.YUV444) {
            limitedRange = true;
        } else if (color == ColorSpace.YUV420J || color == ColorSpace.YUV422J || color == ColorSpace.YUV444J) {
            limitedRange = false;
        } else {
            return Optional.empty();
        }
        int sourceWidth = picture.getCroppedWidth();
        int sourceHeight = picture.getCroppedHeight();
        int width = Math.min(MAX_WIDTH, sourceWidth);
        int height = Math.max(1, (int) Math.round((double) sourceHeight * width / sourceWidth));
        int[][] planes = new int[3][width * height];
        for (int plane = 0; plane < 3; plane++) {
            // Chroma planes are subsampled: scale the visible rectangle by the plane's own size.
            int xShift = Integer.numberOfTrailingZeros(picture.getWidth() / picture.getPlaneWidth(plane));
            int yShift = Integer.numberOfTrailingZeros(picture.getHeight() / picture.getPlaneHeight(plane));
            shrink(picture, plane, xShift, yShift, width, height, planes[plane], limitedRange, plane > 0);
        }
        return Optional.of(new JpegWriter.Planes(width, height, planes[0], planes[1], planes[2]));
    }

    private static void shrink(Picture picture, int plane, int xShift, int yShift, int width, int height, int[] target,
                               boolean limitedRange, boolean chroma) {
        byte[] data = picture.getPlaneData(plane);
        int stride = picture.getPlaneWidth(plane);
        int startX = picture.getStartX() >> xShift;
        int startY = picture.getStartY() >> yShift;
        int visibleW = Math.max(1, picture.getCroppedWidth() >> xShift);
        int visibleH = Math.max(1, picture.getCroppedHeight() >> yShift);
        for (int ty = 0; ty < height; ty++) {
            int y0 = ty * visibleH / height;
            int y1 = Math.max(y0 + 1, (ty + 1) * visibleH / height);
            for (int tx = 0; tx < width; tx++) {
                int x0 = tx * visibleW / width;
                int x1 = Math.max(x0 + 1, (tx + 1) * visibleW / width);
                long sum = 0;
                for (int y = y0; y < y1; y++) {
                    int row = (startY + y) * stride + startX;
                    for (int x = x0; x < x1; x++) {
                        sum += data[row + x] + 128; // jcodec keeps 8-bit samples as value - 128
                    }
                }
                int value = (int) (sum / ((long) (y1 - y0) * (x1 - x0)));
                if (limitedRange) {
                    value = chroma ? 128 + (value - 128) * 255 / 224 : (value - 16) * 255 / 219;
                }
                target[ty * width + tx] = Math.max(0, Math.min(255, value));
            }
        }
    }

    /** A poster JPEG and its pixel size. */
    record Poster(byte[] jpeg, int width, int height) {
    }
}
