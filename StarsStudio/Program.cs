using StarsStudio.Hosting;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddStarsData();
    builder.AddStarsIdentity();
    builder.AddStarsBot();
    builder.AddStarsCatalog();
    builder.AddStarsPayments();
    builder.AddStarsDelivery();
    builder.AddStarsSupport();
    builder.AddStarsUi();

    var app = builder.Build();
    app.MapStarsBot();
    app.MapStarsUi();
    app.MapStarsSupport();
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
