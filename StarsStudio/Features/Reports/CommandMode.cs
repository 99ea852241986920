using System.ComponentModel.DataAnnotations;
using StarsStudio.Features.Catalog;

namespace StarsStudio.Features.Reports;

/// <summary>How each use of a paid command is served.</summary>
public enum CommandMode { Reply, Template, Service }
