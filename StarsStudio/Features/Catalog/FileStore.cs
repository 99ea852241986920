using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StarsStudio.Data;
using StarsStudio.Hosting;

namespace StarsStudio.Features.Catalog;

/// <summary>
/// Deliverable files in the data directory (files/{id}). Written to a temp name and moved into place, so a
/// half-uploaded file is never delivered; never overwritten, so orders in flight keep their file.
/// </summary>
public sealed class FileStore(IOptions<StarsStudioOptions> options, IDbContextFactory<StarsDbContext> dbFactory, TimeProvider clock)
{
    public const long MaxBytes = 50L * 1024 * 1024; // Telegram bots may send documents up to 50 MB.

    private string Folder => Path.Combine(options.Value.FullDataDirectory, "files");

    public string PathOf(Guid id) => Path.Combine(Folder, id.ToString("N"));

    public async Task<StoredFile> SaveAsync(Stream content, string fileName, string contentType, CancellationToken ct = default)
    {
        Directory.CreateDirectory(Folder);
        var id = Guid.NewGuid();
        var temp = PathOf(id) + ".uploading";
        long size;
        string sha;
        await using (var file = File.Create(temp))
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var buffer = new byte[81920];
            size = 0;
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                size += read;
                if (size > MaxBytes) { file.Close(); File.Delete(temp); throw new FileTooLargeException(); }
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            sha = Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
        }
        File.Move(temp, PathOf(id));
        var stored = new StoredFile
        {
            Id = id, FileName = SafeName(fileName), ContentType = string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType,
            Size = size, Sha256 = sha, UploadedAt = clock.GetUtcNow(),
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.StoredFiles.Add(stored);
        await db.SaveChangesAsync(ct);
        return stored;
    }

    public Stream Open(Guid id) => File.OpenRead(PathOf(id));

    private static string SafeName(string name)
    {
        var clean = Path.GetFileName(name.Replace('\\', '/'));
        foreach (var c in Path.GetInvalidFileNameChars()) clean = clean.Replace(c, '_');
        return string.IsNullOrWhiteSpace(clean) ? "file" : clean[..Math.Min(clean.Length, 200)];
    }
}
