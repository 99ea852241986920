using System.Globalization;

namespace StarsStudio.Rehearsal;

/// <summary>What `rehearse` was asked to do; every option has a default that runs in about a minute.</summary>
public sealed record RehearsalOptions
{
    /// <summary>run (the benchmark), drill &lt;name&gt;, or bigdata.</summary>
    public string Command { get; init; } = "run";
    public string? Drill { get; init; }
    public int Buyers { get; init; } = 200;
    /// <summary>0 = everyone at once; otherwise arrivals spread evenly over this many seconds.</summary>
    public double ArrivalSeconds { get; init; }
    public int Concurrency { get; init; } = 200;
    public string[] Kinds { get; init; } = ["credits", "text", "command"];
    /// <summary>Telegram's limits in the emulator (and the bot's own outbound budget).</summary>
    public bool Limits { get; init; } = true;
    /// <summary>Share (0–1) of Bot API calls answered with a fault (429, 5xx, timeout).</summary>
    public double Faults { get; init; }
    public bool Floor { get; init; } = true;
    /// <summary>Simulated staff polling the orders grid while buyers buy (the dashboard is in use during a launch).</summary>
    public int DashboardReaders { get; init; } = 3;
    public string OutputDirectory { get; init; } = "rehearsal-results";
    public int Orders { get; init; } = 1_000_000;
    /// <summary>Run: this many single-use promo codes, each tried by two buyers at once (the rest buy without one).</summary>
    public int Codes { get; init; }
    /// <summary>Run: every action sells its first N units at an early-bird price (list − 1 Star); 0 = no early bird.</summary>
    public int EarlyBird { get; init; }
    /// <summary>Drill ledger: Star transactions the emulator's bot holds for reconciliation to read.</summary>
    public int Transactions { get; init; } = 1_000_000;
    public int BadInputs { get; init; } = 10_000;
    /// <summary>Drill broadcast: buyers to remind (default 10,000); drill cluster: the reminder's audience (default 2,000).</summary>
    public int? BroadcastBuyers { get; init; }
    /// <summary>Drill crash: how many times (at least) the app is killed while buyers buy.</summary>
    public int Kills { get; init; } = 5;
    /// <summary>Drill crash: seed of the kill schedule; null = a random one, printed so a run can be repeated.</summary>
    public int? Seed { get; init; }
    /// <summary>Drill switch: how many times the app's bot is switched between practice and the second (live) bot.</summary>
    public int Switches { get; init; } = 6;
    /// <summary>A PostgreSQL server (Npgsql connection string, no database): the app runs on a fresh database there instead of SQLite.</summary>
    public string? PostgresServer { get; init; }
    /// <summary>sqlite (default) or postgres: with postgres and no --postgres server, the rehearsal starts a throwaway one.</summary>
    public string Database { get; init; } = "sqlite";
    /// <summary>Drill cluster: app processes on one PostgreSQL behind a webhook load balancer.</summary>
    public int Instances { get; init; } = 3;

    /// <summary>The app runs on PostgreSQL: a server was given, or one is to be started.</summary>
    public bool OnPostgres => PostgresServer is not null || Database == "postgres";

    public const string Usage = """
        Usage: dotnet run -c Release --project StarsStudio -- rehearse [command] [options]
          commands:  run (default) | drill duplicates|faults|badinput|broadcast|crash|switch|cluster|ledger | bigdata
          --buyers N          virtual buyers (default 200)
          --arrival all|S     everyone at once (default) or spread over S seconds
          --concurrency N     buyers in flight at once (default 200)
          --kinds a,b,c       mix of credits,text,command,file (default credits,text,command)
          --limits on|off     Telegram's rate limits in the emulator (default on)
          --faults RATE       share of Bot API calls that fail with 429/5xx/timeout, 0..1 (default 0)
          --floor on|off      also measure the minimal floor bot (default on)
          --codes N           run: N single-use 20 % codes at launch, each tried by two racing buyers (default 0)
          --early-bird N      run: each action's first N units at list − 1 Star; every buyer races for them (default 0)
          --dashboard N       simulated staff polling the orders grid during the run (default 3; 0 = none)
          --orders N          bigdata: orders to seed (default 1000000)
          --transactions N    drill ledger: Star transactions reconciliation reads (default 1000000)
          --bad N             drill badinput: malformed updates to send (default 10000)
          --broadcast-buyers N  drill broadcast: buyers to remind (default 10000); drill cluster (default 2000)
          --kills N           drill crash/cluster: kill the app (an instance) at least N times while buyers buy (default 5)
          --seed N            drill crash/cluster: seed of the kill schedule (default random; printed)
          --instances N       drill cluster: app processes on one PostgreSQL (default 3)
          --switches N        drill switch: switch the bot between practice and a second bot N times (default 6)
          --database sqlite|postgres  the app's database (default sqlite); postgres starts a throwaway server
                              (Debian's postgresql package) unless --postgres names one (not drill crash)
          --postgres "CS"     run the app on a fresh database on this PostgreSQL server (not drill crash)
          --out DIR           where the JSON and Markdown results go (default ./rehearsal-results)
        """;

    public static RehearsalOptions Parse(IReadOnlyList<string> args)
    {
        var o = new RehearsalOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new RehearsalUsageException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "run": o = o with { Command = "run" }; break;
                case "bigdata": o = o with { Command = "bigdata" }; break;
                case "drill": o = o with { Command = "drill", Drill = Next() }; break;
                case "--buyers": o = o with { Buyers = PositiveInt(Next(), "--buyers") }; break;
                case "--arrival":
                    var arrival = Next();
                    o = o with { ArrivalSeconds = arrival == "all" ? 0 : double.TryParse(arrival, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : throw new RehearsalUsageException("--arrival is 'all' or a number of seconds.") };
                    break;
                case "--concurrency": o = o with { Concurrency = PositiveInt(Next(), "--concurrency") }; break;
                case "--kinds": o = o with { Kinds = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) }; break;
                case "--limits": o = o with { Limits = OnOff(Next(), "--limits") }; break;
                case "--floor": o = o with { Floor = OnOff(Next(), "--floor") }; break;
                case "--dashboard": o = o with { DashboardReaders = int.TryParse(Next(), out var d) && d >= 0 ? d : throw new RehearsalUsageException("--dashboard is a whole number from 0.") }; break;
                case "--faults":
                    o = o with { Faults = double.TryParse(Next(), CultureInfo.InvariantCulture, out var f) && f is >= 0 and < 1 ? f : throw new RehearsalUsageException("--faults is a share from 0 to 1, e.g. 0.05.") };
                    break;
                case "--orders": o = o with { Orders = PositiveInt(Next(), "--orders") }; break;
                case "--early-bird": o = o with { EarlyBird = int.TryParse(Next(), out var early) && early >= 0 ? early : throw new RehearsalUsageException("--early-bird is a whole number from 0.") }; break;
                case "--codes": o = o with { Codes = int.TryParse(Next(), out var codes) && codes >= 0 ? codes : throw new RehearsalUsageException("--codes is a whole number from 0.") }; break;
                case "--transactions": o = o with { Transactions = PositiveInt(Next(), "--transactions") }; break;
                case "--bad": o = o with { BadInputs = PositiveInt(Next(), "--bad") }; break;
                case "--broadcast-buyers": o = o with { BroadcastBuyers = PositiveInt(Next(), "--broadcast-buyers") }; break;
                case "--kills": o = o with { Kills = PositiveInt(Next(), "--kills") }; break;
                case "--seed": o = o with { Seed = int.TryParse(Next(), out var seed) && seed >= 0 ? seed : throw new RehearsalUsageException("--seed is a whole number from 0.") }; break;
                case "--switches": o = o with { Switches = PositiveInt(Next(), "--switches") }; break;
                case "--out": o = o with { OutputDirectory = Next() }; break;
                case "--postgres": o = o with { PostgresServer = Next() }; break;
                case "--database":
                    var database = Next();
                    o = o with { Database = database is "sqlite" or "postgres" ? database : throw new RehearsalUsageException("--database is sqlite or postgres.") };
                    break;
                case "--instances": o = o with { Instances = int.TryParse(Next(), out var n) && n is >= 2 and <= 8 ? n : throw new RehearsalUsageException("--instances is a whole number from 2 to 8.") }; break;
                case "-h" or "--help": throw new RehearsalUsageException(null);
                default: throw new RehearsalUsageException($"Unknown option {args[i]}.");
            }
        }
        // The crash drill's child process and its checks read the SQLite file directly.
        if (o.OnPostgres && o.Drill == "crash") throw new RehearsalUsageException("drill crash runs on SQLite only (leave out --postgres and --database postgres).");
        if (o.Database == "sqlite" && o.PostgresServer is null && o.Drill == "cluster") o = o with { Database = "postgres" }; // several instances need a server
        var unknownKind = o.Kinds.FirstOrDefault(k => k is not ("credits" or "text" or "command" or "file"));
        if (unknownKind is not null) throw new RehearsalUsageException($"Unknown kind '{unknownKind}' (use credits, text, command, file).");
        return o;
    }

    private static int PositiveInt(string value, string name) =>
        int.TryParse(value, out var n) && n > 0 ? n : throw new RehearsalUsageException($"{name} is a whole number above 0.");

    private static bool OnOff(string value, string name) => value switch
    {
        "on" or "true" => true,
        "off" or "false" => false,
        _ => throw new RehearsalUsageException($"{name} is on or off."),
    };
}

public sealed class RehearsalUsageException(string? message) : Exception(message ?? "");
