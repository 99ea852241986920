using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;

namespace StarsStudio.Features.Practice.Data;

public sealed class PracticeFileRow
{
    public required string FileId { get; set; }
    public long BotId { get; set; }
    public required string FileUniqueId { get; set; }
    public required string FilePath { get; set; }
    public string? FileName { get; set; }
    public string? MimeType { get; set; }
    public long Size { get; set; }
    public required byte[] Content { get; set; }
}
