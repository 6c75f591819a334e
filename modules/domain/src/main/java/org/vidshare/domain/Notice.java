package org.vidshare.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;

/** A notice an admin published. */
@Entity
@Table(name = "VS_NOTICE", indexes = @Index(name = "IX_NOTICE_TIME", columnList = "CREATE_TIME"))
public class Notice {
    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "notice_ids")
    @TableGenerator(name = "notice_ids", table = "VS_IDS", pkColumnValue = "notice", allocationSize = 20)
    private long id;

    @Column(name = "TITLE", nullable = false, length = 256)
    private String title;

    @Lob
    @Column(name = "CONTENT", nullable = false)
    private String content;

    @Column(name = "CREATE_TIME", nullable = false)
    private long createTime;

    @Column(name = "AUTHOR_ID", nullable = false)
    private long authorId;

    protected Notice() {
    }

    public Notice(String title, String content, long createTime, long authorId) {
        this.title = title;
        this.content = content;
        this.createTime = createTime;
        this.authorId = authorId;
    }

    public long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public String getContent() {
        return content;
    }

    public long getCreateTime() {
        return createTime;
    }

    public long getAuthorId() {
        return authorId;
    }
}
