using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Data;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Support;

public sealed record AttentionItem(string Kind, string Text, string Href);
