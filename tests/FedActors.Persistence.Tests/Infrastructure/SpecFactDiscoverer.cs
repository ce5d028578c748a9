using Xunit.Abstractions;
using Xunit.Sdk;

namespace FedActors.Persistence.Tests.Infrastructure;

/// <summary>Discovers <see cref="SpecFactAttribute"/> tests, skipping PostgreSQL specs when no database is configured outside CI.</summary>
public sealed class SpecFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var needsPostgreSql = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresPostgreSqlAttribute)).Any();
        if (needsPostgreSql && PostgreSqlTestDatabase.ConnectionString is null && !PostgreSqlTestDatabase.IsCi)
        {
            yield return new XunitSkippedDataRowTestCase(
                diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod,
                $"{PostgreSqlTestDatabase.Variable} is not set; tests/run-all.sh starts a throwaway PostgreSQL and sets it.");
            yield break;
        }

        yield return new XunitTestCase(
            diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
    }
}
