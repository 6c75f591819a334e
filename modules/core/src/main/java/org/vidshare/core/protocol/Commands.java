package org.vidshare.core.protocol;

import java.util.Set;

/** Command names that the transport itself must know, because their frames carry a payload. */
public final class Commands {
    public static final String HELLO = "hello";
    public static final String PING = "ping";
    public static final String UPLOAD_MOVIE = "upload_movie";
    /** The classic client's name for {@link #UPLOAD_MOVIE}. */
    public static final String CLASSIC_UPLOAD = "upload";
    public static final String DOWNLOAD_MOVIE = "download_movie";

    private static final Set<String> UPLOADS = Set.of(UPLOAD_MOVIE, CLASSIC_UPLOAD);

    private Commands() {
    }

    public static boolean carriesRequestPayload(String type) {
        return UPLOADS.contains(type);
    }
}
