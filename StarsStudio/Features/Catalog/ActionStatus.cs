using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Catalog;

public enum ActionStatus { Draft, Live, Paused, Archived }
