using FedActors.Learning.Training;
using Xunit;

namespace FedActors.Learning.Tests.Training;

public sealed class EvaluationTests
{
    [Fact]
    public void Accuracy_recall_and_column_sums_follow_from_the_confusion_matrix()
    {
        // Rows are true classes, columns predictions.
        var evaluation = new Evaluation(3, [5, 1, 0, 2, 2, 0, 0, 0, 0], totalLoss: 5.0);
        Assert.Equal(10, evaluation.Count);
        Assert.Equal(0.7, evaluation.Accuracy, 10);
        Assert.Equal(0.5, evaluation.Loss, 10);
        Assert.Equal(5.0 / 6, evaluation.Recall(0), 10);
        Assert.Equal(0.5, evaluation.Recall(1), 10);
        Assert.True(double.IsNaN(evaluation.Recall(2)));
        Assert.Equal(7, evaluation.PredictedAs(0));
        Assert.Equal(2, evaluation.Confusion(1, 0));
    }

    [Fact]
    public void A_non_square_matrix_is_rejected() =>
        Assert.Throws<ArgumentException>(() => new Evaluation(3, new int[8], 0));
}
