using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StarsStudio.Features.Practice.Emulator;

/// <summary>An uploaded multipart file.</summary>
public sealed record UploadedFile(string FileName, string? ContentType, byte[] Content);
