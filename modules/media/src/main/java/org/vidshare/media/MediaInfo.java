package org.vidshare.media;

/**
 * What a movie's container says about it. A value is null where the container did not say (an
 * audio codec of a silent movie); a file that is not a readable video has no MediaInfo at all.
 *
 * @param durationSeconds the presentation length
 * @param width display width in pixels
 * @param height display height in pixels
 * @param frameRate frames per second, averaged over the video track
 * @param videoCodec a short lower-case name ("h264", "hevc", "av1"...) or the sample entry's four letters
 * @param audioCodec as videoCodec ("aac", "opus"...), null without an audio track
 */
public record MediaInfo(double durationSeconds, int width, int height, Double frameRate, String videoCodec,
                        String audioCodec) {
    /** Larger than any real video; a container that claims more is not believed. */
    public static final int MAX_DIMENSION = 16_384;

    public MediaInfo {
        if (!(durationSeconds > 0) || Double.isInfinite(durationSeconds)) {
            throw new IllegalArgumentException("duration " + durationSeconds);
        }
        if (width <= 0 || height <= 0 || width > MAX_DIMENSION || height > MAX_DIMENSION) {
            throw new IllegalArgumentException("size " + width + "x" + height);
        }
    }
}
