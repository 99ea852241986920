using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace StarsStudio.Rehearsal;

/// <summary>
/// Asks every running instance's /healthz which singletons it holds, all at once, several times a second, and
/// records any moment two instances claimed the same one. An instance lists a singleton only between taking its
/// lock and releasing it (Data/Singletons), so two answers naming it in one round mean two ran it together.
/// Also records each handover: which instance ran it next, and how long it had nobody.
/// </summary>
public sealed class SingletonWatch : IAsyncDisposable
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(1) };
    private readonly Func<IReadOnlyList<(int Instance, string Url)>> running;
    private readonly CancellationTokenSource stop = new();
    private readonly Dictionary<string, (int Instance, Stopwatch Since)> holders = [];
    private readonly Dictionary<string, Stopwatch> orphaned = [];
    private readonly Task loop;

    public List<string> Overlaps { get; } = [];
    public List<Handover> Handovers { get; } = [];

    /// <summary>A singleton found on another instance than before: when (drill clock) and how long it had none.</summary>
    public sealed record Handover(string Name, int From, int To, double AtSeconds, double GapSeconds)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name}: instance {From} → {To} at {AtSeconds:0.0} s ({GapSeconds:0.0} s without one)");
    }

    /// <summary>Did <paramref name="instance"/>'s singletons go to another between <paramref name="fromSeconds"/> and <paramref name="toSeconds"/>?</summary>
    public bool HandedOver(int instance, double fromSeconds, double toSeconds)
    {
        lock (holders) return Handovers.Any(h => h.From == instance && h.AtSeconds >= fromSeconds && h.AtSeconds <= toSeconds);
    }
    /// <summary>Longest time (s) any singleton had no instance, from one round to the round that found its next holder.</summary>
    public double LongestGapSeconds { get; private set; }
    public int Rounds { get; private set; }

    private readonly Stopwatch clock;

    /// <param name="clock">The drill's clock: handovers are timed on it.</param>
    public SingletonWatch(Func<IReadOnlyList<(int Instance, string Url)>> running, Stopwatch clock)
    {
        this.running = running;
        this.clock = clock;
        loop = Task.Run(LoopAsync);
    }

    private async Task LoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var instances = running();
            var answers = await Task.WhenAll(instances.Select(async i => (i.Instance, Held: await HeldAsync(i.Url))));
            lock (holders) Observe(answers.Where(a => a.Held is not null).Select(a => (a.Instance, a.Held!)).ToList());
            Rounds++;
            try { await Task.Delay(200, stop.Token); } catch (OperationCanceledException) { return; }
        }
    }

    private void Observe(IReadOnlyList<(int Instance, IReadOnlyList<string> Held)> answers)
    {
        var byName = answers.SelectMany(a => a.Held.Select(name => (name, a.Instance))).GroupBy(x => x.name).ToDictionary(g => g.Key, g => g.Select(x => x.Instance).ToList());
        foreach (var (name, instances) in byName)
        {
            if (instances.Count > 1)
            {
                Overlaps.Add($"{name} on instances {string.Join(" and ", instances)} at {DateTimeOffset.UtcNow:HH:mm:ss.fff}");
                continue;
            }
            var now = instances[0];
            if (holders.TryGetValue(name, out var before) && before.Instance != now)
            {
                var gap = orphaned.TryGetValue(name, out var since) ? since.Elapsed.TotalSeconds : 0;
                LongestGapSeconds = Math.Max(LongestGapSeconds, gap);
                Handovers.Add(new Handover(Short(name), before.Instance, now, clock.Elapsed.TotalSeconds, gap));
            }
            orphaned.Remove(name);
            holders[name] = (now, Stopwatch.StartNew());
        }
        // Held before, by nobody now: its instance died or is restarting; the gap runs until someone takes it.
        foreach (var name in holders.Keys.Where(n => !byName.ContainsKey(n) && !orphaned.ContainsKey(n)).ToList())
            orphaned[name] = Stopwatch.StartNew();
    }

    /// <summary>The instance that held <paramref name="name"/> at the last round, if any.</summary>
    public int? HolderOf(string name)
    {
        lock (holders) return holders.TryGetValue(name, out var h) && !orphaned.ContainsKey(name) ? h.Instance : null;
    }

    /// <summary>"polling:123@host" reads better as "polling".</summary>
    private static string Short(string name) => name.Split(':')[0];

    private async Task<IReadOnlyList<string>?> HeldAsync(string url)
    {
        try
        {
            using var response = await http.GetAsync(url + "/healthz", stop.Token);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop.Token));
            return json.RootElement.TryGetProperty("singletons", out var list) ? [.. list.EnumerateArray().Select(e => e.GetString()!)] : [];
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or IOException)
        {
            return null; // dead, starting, or killed mid-answer: it holds nothing anyone can see
        }
    }

    private int disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        await stop.CancelAsync();
        await loop;
        http.Dispose();
        stop.Dispose();
    }
}
