using StarsStudio.Features.Audit;
using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Bot;
using StarsStudio.Bot.Outbound;
using StarsStudio.Data;
using StarsStudio.Features.Buyers;
using StarsStudio.Features.Payments;

namespace StarsStudio.Features.Support;

/// <summary>Tells open inbox pages that a request arrived or changed; pages refresh through InvokeAsync.</summary>
public sealed class SupportNotifier
{
    public event Action? Changed;

    public void Notify()
    {
        try { Changed?.Invoke(); }
        catch (Exception) { /* a page's handler must never break the bot */ }
    }
}
