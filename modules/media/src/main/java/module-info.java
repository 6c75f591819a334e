/**
 * Movie media: a bounded reader of MP4/MOV containers (duration, size, frame rate, codecs), poster
 * JPEGs from a decoded frame, and ffprobe/ffmpeg where they are installed. Pure Java: no
 * java.desktop (the JPEG encoder is our own), so the server that uses it needs none either.
 */
module org.vidshare.media {
    // jcodec 0.2.5 is an automatic module (no descriptor, no Automatic-Module-Name): its name
    // is derived from the jar name. Only the thumbnailer touches it.
    requires jcodec;
    requires org.slf4j;

    exports org.vidshare.media;
}
