using StarsStudio.Hosting;
using StarsStudio.Hosting.Moving;
using StarsStudio.Rehearsal;

// `rehearse …` runs the launch rehearsal benchmark and drills instead of the app (see the README).
if (args is ["rehearse", .. var rehearsalArgs])
    return await RehearsalCommand.RunAsync(rehearsalArgs);
// `copy-data --to-postgres "<connection string>"` moves a SQLite install into an empty PostgreSQL database.
if (args is ["copy-data", .. var copyArgs])
    return await CopyDataCommand.RunAsync(copyArgs);

try
{
    var app = StarsApp.Build(args);
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (StartupProblems.Explain(e) is { } sentence)
{
    // Problems the operator can fix get one sentence, not a stack trace.
    Console.Error.WriteLine($"StarsStudio could not start: {sentence}");
    return 1;
}

public partial class Program;
