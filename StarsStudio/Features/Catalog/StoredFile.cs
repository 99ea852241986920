using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Catalog;

/// <summary>
/// An uploaded deliverable. Immutable once written: replacing an action's file stores a new one, so an order
/// in flight still delivers the file it was sold with.
/// </summary>
public sealed class StoredFile
{
    public Guid Id { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}
