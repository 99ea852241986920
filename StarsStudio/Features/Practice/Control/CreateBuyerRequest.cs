using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Practice.Emulator;
using StarsStudio.Features.Team;

namespace StarsStudio.Features.Practice.Control;

public sealed record CreateBuyerRequest(string FirstName, string? Username, string? LanguageCode, long Stars);
