namespace StarsStudio.Features.Payments.Lifecycle;

public enum ProblemMode { Keep, Set, Clear, ClearUnlessOversold }
