package org.vidshare.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.UniqueConstraint;

/**
 * A published movie. Deletion is soft: the row and the file stay for those who bought it. One
 * content has one published movie, kept by the database for every node: published rows have
 * {@code DELETE_TIME} 0, so a unique key on fingerprint and delete time admits one of them per
 * fingerprint (and any number of deleted ones, each deleted at its own moment).
 */
@Entity
@Table(name = "VS_MOVIE", indexes = {
        @Index(name = "IX_MOVIE_MD5", columnList = "FILE_MD5"),
        @Index(name = "IX_MOVIE_LIST", columnList = "IS_DELETE,IS_FREE,UPLOAD_TIME")},
        uniqueConstraints = @UniqueConstraint(name = "UQ_MOVIE_ACTIVE_CONTENT", columnNames = {"FILE_MD5", "DELETE_TIME"}))
public class Movie {
    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "movie_ids")
    @TableGenerator(name = "movie_ids", table = "VS_IDS", pkColumnValue = "movie", allocationSize = 20)
    private long id;

    @Column(name = "NAME", nullable = false, length = 512)
    private String name;

    /** The server-chosen name in storage; never derived from the client's file name. */
    @Column(name = "STORED_NAME", nullable = false, length = 128)
    private String storedName;

    @Column(name = "FILE_SIZE", nullable = false)
    private long fileSize;

    @Column(name = "FILE_MD5", nullable = false, length = 32)
    private String fileMd5;

    @Column(name = "SHA256", nullable = false, length = 64)
    private String sha256;

    @Column(name = "IS_FREE", nullable = false)
    private boolean free;

    @Column(name = "IS_DELETE", nullable = false)
    private boolean deleted;

    /** When it was soft-deleted (epoch ms), 0 while published: decides who may still download it. */
    @Column(name = "DELETE_TIME", nullable = false)
    private long deleteTime;

    @Column(name = "UPLOAD_TIME", nullable = false)
    private long uploadTime;

    @Column(name = "UPLOADER_ID", nullable = false)
    private long uploaderId;

    // What the container said at publish (issue 18); all null for a file that is not a readable video.
    @Column(name = "DURATION_S")
    private Double durationSeconds;

    @Column(name = "WIDTH")
    private Integer width;

    @Column(name = "HEIGHT")
    private Integer height;

    @Column(name = "FRAME_RATE")
    private Double frameRate;

    @Column(name = "VIDEO_CODEC", length = 32)
    private String videoCodec;

    @Column(name = "AUDIO_CODEC", length = 32)
    private String audioCodec;

    protected Movie() {
    }

    public Movie(String name, String storedName, long fileSize, String fileMd5, String sha256, boolean free,
                 long uploadTime, long uploaderId) {
        this.name = name;
        this.storedName = storedName;
        this.fileSize = fileSize;
        this.fileMd5 = fileMd5;
        this.sha256 = sha256;
        this.free = free;
        this.uploadTime = uploadTime;
        this.uploaderId = uploaderId;
    }

    public long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getStoredName() {
        return storedName;
    }

    public long getFileSize() {
        return fileSize;
    }

    public String getFileMd5() {
        return fileMd5;
    }

    public String getSha256() {
        return sha256;
    }

    public boolean isFree() {
        return free;
    }

    public boolean isDeleted() {
        return deleted;
    }

    public long getDeleteTime() {
        return deleteTime;
    }

    public void markDeleted(long when) {
        this.deleted = true;
        this.deleteTime = when;
    }

    public long getUploadTime() {
        return uploadTime;
    }

    public long getUploaderId() {
        return uploaderId;
    }

    /** Records the container's facts; codec names longer than their column are cut (they are labels). */
    public void setMedia(double durationSeconds, int width, int height, Double frameRate, String videoCodec,
                         String audioCodec) {
        this.durationSeconds = durationSeconds;
        this.width = width;
        this.height = height;
        this.frameRate = frameRate;
        this.videoCodec = label(videoCodec);
        this.audioCodec = label(audioCodec);
    }

    private static String label(String codec) {
        return codec == null || codec.length() <= 32 ? codec : codec.substring(0, 32);
    }

    /** True once the movie's media facts are known (it is a readable video). */
    public boolean hasMedia() {
        return width != null;
    }

    public Double getDurationSeconds() {
        return durationSeconds;
    }

    public Integer getWidth() {
        return width;
    }

    public Integer getHeight() {
        return height;
    }

    public Double getFrameRate() {
        return frameRate;
    }

    public String getVideoCodec() {
        return videoCodec;
    }

    public String getAudioCodec() {
        return audioCodec;
    }
}
