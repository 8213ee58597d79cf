package dev.nexus.notes.comment;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A comment on a note or a solution. */
@Entity
@Table(name = "comments")
public class Comment extends PanacheEntityBase {

    @Id
    public UUID id;

    /** NOTE or SOLUTION. */
    @Column(name = "target_type", nullable = false)
    public String targetType;

    @Column(name = "target_id", nullable = false)
    public UUID targetId;

    @Column(name = "group_id", nullable = false)
    public UUID groupId;

    @Column(name = "author_id", nullable = false)
    public UUID authorId;

    @Column(nullable = false)
    public String body;

    @Column(nullable = false)
    public String html;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "mentioned_user_ids", nullable = false)
    public UUID[] mentionedUserIds;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
