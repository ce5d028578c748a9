using Xunit.Sdk;

namespace FedActors.Persistence.Tests.Infrastructure;

/// <summary>
/// A fact of an abstract plugin spec. When the concrete test class carries
/// <see cref="RequiresPostgreSqlAttribute"/> and no PostgreSQL is configured, the test is reported as
/// skipped with the reason (outside CI) instead of running.
/// </summary>
[XunitTestCaseDiscoverer("FedActors.Persistence.Tests.Infrastructure.SpecFactDiscoverer", "FedActors.Persistence.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class SpecFactAttribute : FactAttribute;
