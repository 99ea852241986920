using System.Text.Json.Nodes;
using StarsStudio.Features.Practice.Data;

namespace StarsStudio.Features.Practice.Emulator;

public sealed record ChatButton(string Text, string? CallbackData, string? Url, bool Pay);
