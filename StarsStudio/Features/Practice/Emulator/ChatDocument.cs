using System.Text.Json.Nodes;
using StarsStudio.Features.Practice.Data;

namespace StarsStudio.Features.Practice.Emulator;

public sealed record ChatDocument(string FileName, string FileId, string? FilePath, long Size, bool IsPhoto);
