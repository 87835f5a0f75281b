<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AdviceView</name>
    <message numerus="yes">
        <source>%1: answered in Ukrainian to %2 of %n Ukrainian task(s), %3 tokens/s</source>
        <translation>
            <numerusform>%1: answered in Ukrainian to %2 of %n Ukrainian task, %3 tokens/s</numerusform>
            <numerusform>%1: answered in Ukrainian to %2 of %n Ukrainian tasks, %3 tokens/s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: wrote code in %n answer(s), %2 tokens/s</source>
        <translation>
            <numerusform>%1: wrote code in %n answer, %2 tokens/s</numerusform>
            <numerusform>%1: wrote code in %n answers, %2 tokens/s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>you marked it better %n time(s)</source>
        <translation>
            <numerusform>you marked it better %n time</numerusform>
            <numerusform>you marked it better %n times</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChatOptionsForm</name>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n token</numerusform>
            <numerusform>%n tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConnectionPage</name>
    <message numerus="yes">
        <source>Trying again automatically in %n second(s).</source>
        <translation>
            <numerusform>Trying again automatically in %n second.</numerusform>
            <numerusform>Trying again automatically in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>%n minute ago</numerusform>
            <numerusform>%n minutes ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>%n hour ago</numerusform>
            <numerusform>%n hours ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s) ago</source>
        <translation>
            <numerusform>%n month ago</numerusform>
            <numerusform>%n months ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n year(s) ago</source>
        <translation>
            <numerusform>%n year ago</numerusform>
            <numerusform>%n years ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GaugeBar</name>
    <message numerus="yes">
        <source>Reading… %n s</source>
        <translation>
            <numerusform>Reading… %n s</numerusform>
            <numerusform>Reading… %n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n token(s) written</source>
        <translation>
            <numerusform>%n token written</numerusform>
            <numerusform>%n tokens written</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n question token(s) read</source>
        <translation>
            <numerusform>%n question token read</numerusform>
            <numerusform>%n question tokens read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n question token(s) from cache</source>
        <translation>
            <numerusform>%n question token from cache</numerusform>
            <numerusform>%n question tokens from cache</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Writing speed over the last %n second(s)</source>
        <translation>
            <numerusform>Writing speed over the last %n second</numerusform>
            <numerusform>Writing speed over the last %n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n token(s) so far</source>
        <translation>
            <numerusform>%n token so far</numerusform>
            <numerusform>%n tokens so far</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LongQuestions</name>
    <message numerus="yes">
        <source>%n older message(s) of this conversation were left out of this question: the model cannot read more at once.</source>
        <translation>
            <numerusform>%n older message of this conversation was left out of this question: the model cannot read more at once.</numerusform>
            <numerusform>%n older messages of this conversation were left out of this question: the model cannot read more at once.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MeasureTab</name>
    <message numerus="yes">
        <source>Each chosen model answers the same %n task(s), in Ukrainian and in English, one model at a time. Nothing else asks the model meanwhile, and what was in memory before is loaded again afterwards.</source>
        <translation>
            <numerusform>Each chosen model answers the same %n task, in Ukrainian and in English, one model at a time. Nothing else asks the model meanwhile, and what was in memory before is loaded again afterwards.</numerusform>
            <numerusform>Each chosen model answers the same %n tasks, in Ukrainian and in English, one model at a time. Nothing else asks the model meanwhile, and what was in memory before is loaded again afterwards.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n minute(s) left</source>
        <translation>
            <numerusform>about %n minute left</numerusform>
            <numerusform>about %n minutes left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ModelDetailsDialog</name>
    <message numerus="yes">
        <source>%Ln token(s)</source>
        <translation>
            <numerusform>%Ln token</numerusform>
            <numerusform>%Ln tokens</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message numerus="yes">
        <source>%n model(s)</source>
        <translation>
            <numerusform>%n model</numerusform>
            <numerusform>%n models</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message numerus="yes">
        <source>Wrong PIN. You can try again in %n second(s).</source>
        <translation>
            <numerusform>Wrong PIN. You can try again in %n second.</numerusform>
            <numerusform>Wrong PIN. You can try again in %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong PINs. You can try again in %n second(s).</source>
        <translation>
            <numerusform>Too many wrong PINs. You can try again in %n second.</numerusform>
            <numerusform>Too many wrong PINs. You can try again in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PullIndicator</name>
    <message numerus="yes">
        <source>(+%n waiting)</source>
        <translation>
            <numerusform>(+%n waiting)</numerusform>
            <numerusform>(+%n waiting)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n download(s) stopped</source>
        <translation>
            <numerusform>%n download stopped</numerusform>
            <numerusform>%n downloads stopped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n download(s) waiting</source>
        <translation>
            <numerusform>%n download waiting</numerusform>
            <numerusform>%n downloads waiting</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PullTexts</name>
    <message numerus="yes">
        <source>no data for %n second(s)</source>
        <translation>
            <numerusform>no data for %n second</numerusform>
            <numerusform>no data for %n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n second(s) left</source>
        <translation>
            <numerusform>%n second left</numerusform>
            <numerusform>%n seconds left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n minute(s) left</source>
        <translation>
            <numerusform>about %n minute left</numerusform>
            <numerusform>about %n minutes left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n hour(s) left</source>
        <translation>
            <numerusform>about %n hour left</numerusform>
            <numerusform>about %n hours left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Reasoning</name>
    <message numerus="yes">
        <source>Thought for %n second(s)</source>
        <translation>
            <numerusform>Thought for %n second</numerusform>
            <numerusform>Thought for %n seconds</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StartingPointsEditor</name>
    <message numerus="yes">
        <source>At most %n starting point(s)</source>
        <translation>
            <numerusform>At most %n starting point</numerusform>
            <numerusform>At most %n starting points</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatsText</name>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n token</numerusform>
            <numerusform>%n tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>question: %n token(s) at %1 tokens/s</source>
        <translation>
            <numerusform>question: %n token at %1 tokens/s</numerusform>
            <numerusform>question: %n tokens at %1 tokens/s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n from cache</source>
        <translation>
            <numerusform>%n from cache</numerusform>
            <numerusform>%n from cache</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message numerus="yes">
        <source>and %n more character(s); copied whole.</source>
        <translation>
            <numerusform>and %n more character; copied whole.</numerusform>
            <numerusform>and %n more characters; copied whole.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln more character(s) not shown.</source>
        <translation>
            <numerusform>%Ln more character not shown.</numerusform>
            <numerusform>%Ln more characters not shown.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The first %1 of %Ln rows shown.</source>
        <translation>
            <numerusform>The first %1 of %Ln row shown.</numerusform>
            <numerusform>The first %1 of %Ln rows shown.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UnloadTexts</name>
    <message numerus="yes">
        <source>in %n second(s)</source>
        <translation>
            <numerusform>in %n second</numerusform>
            <numerusform>in %n seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n minute(s)</source>
        <translation>
            <numerusform>in %n minute</numerusform>
            <numerusform>in %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n hour(s)</source>
        <translation>
            <numerusform>in %n hour</numerusform>
            <numerusform>in %n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>in %n day</numerusform>
            <numerusform>in %n days</numerusform>
        </translation>
    </message>
</context>
</TS>
